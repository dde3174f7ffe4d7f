"""The weekly digest: each strategist gets what is due and overdue, once a week."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from followups.control import services, tasks
from tests.factories import AgreementFactory, ContractFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_weekly_digest_lists_due_and_overdue_items_once_a_week():
    owner = UserFactory(username="karin", role="strategist", email="karin@kommun.example")
    other = UserFactory(username="olle", role="strategist", email="olle@kommun.example")
    agreement = AgreementFactory(
        name="HVB barn och unga",
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2027, 12, 31),
        option_end_date=None,
        owner=owner,
    )
    ContractFactory(agreement=agreement)
    services.seed_control_rules()
    services.sweep(on=datetime.date(2025, 12, 20))
    monday = datetime.date(2026, 1, 5)
    sent = tasks.weekly_digest.delay(on=monday.isoformat()).get()  # eager: no broker in tests
    assert sent == 2  # the credit check is nobody's: both strategists see it
    to_karin = next(m for m in mail.outbox if m.to == ["karin@kommun.example"])
    assert "IVO-kontroll HT 2025, HVB barn och unga" in to_karin.body
    assert "Försenade" in to_karin.body
    assert "IVO-kontroll" not in next(m for m in mail.outbox if m.to == [other.email]).body
    assert tasks.weekly_digest.delay(on=monday.isoformat()).get() == 0
    assert len(mail.outbox) == 2


def test_run_checks_runs_the_sweep_in_process(capsys):
    AgreementFactory(name="HVB barn och unga", start_date=datetime.date(2023, 1, 1))
    call_command("run_checks", "--seed", "--date", "2025-09-01")
    assert "work items created" in capsys.readouterr().out
