"""The yearly plan on the synthetic municipality: the proposal, the plan page, coverage.

The proposal only reads (it is what "Propose" and "Propose anew" compute before saving);
the plan page needs a plan, made once for the year after the anchor and kept with the data.
"""

from tests.bench.registry import measurement
from tests.bench.synthetic import ANCHOR


def _board():
    from suppliers.models import Board

    return Board.objects.order_by("pk").first()


@measurement("plan proposal", description="the next year's proposal, computed", iterations=20)
def plan_proposal(ctx):
    from followups.planning import proposal as planning

    board, year = _board(), ANCHOR.year + 1
    return lambda: planning.propose(
        board=board, year=year, risk_date=planning.risk_date_for(year, ANCHOR), capacity=3
    )


@measurement("plan page", description="a draft plan with its table and checkboxes")
def plan_page(ctx):
    from followups.models import FollowUpPlan
    from followups.planning import services as plan_services

    board, year = _board(), ANCHOR.year + 1
    plan = FollowUpPlan.objects.filter(board=board, year=year).first()
    if plan is None:
        plan = plan_services.plan_propose(
            board=board, year=year, user=ctx.users["strategist"], today=ANCHOR
        )
    return ctx.getter(plan.get_absolute_url(), role="strategist")


@measurement("coverage page", description="every agreement's special follow-ups this year")
def coverage_page(ctx):
    return ctx.getter(f"/followups/coverage/?show={ANCHOR.year}", role="strategist")
