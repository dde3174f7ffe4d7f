"""The table of risk factor collectors that the ranking composes."""

from followups.models import RiskFactor
from followups.planning.risk_factors import COLLECTORS


def test_every_risk_factor_has_one_collector_in_the_order_of_the_factors():
    # The parts of a score are shown in this order, so a new factor needs its collector here.
    assert list(COLLECTORS) == RiskFactor.values
