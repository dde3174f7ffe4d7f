from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from followups.control import services as control_services
from followups.feeds import services as feed_services
from followups.models import Check, CheckKind, ControlRule, RuleKind, WorkItem
from reports.models import ReportJob
from suppliers.models import Board, Contract, ContractStatus, Exclusion
from tests.conftest import DEMO_TODAY
from tests.followups.feeds.helpers import PURCHASE_HEADER, csv_bytes
from tests.reports.helpers import finalised_report
from tests.security.access_matrix import SUPERUSER
from tests.security.urlconf import first_objects, missing_objects
from uppfoljning.demo.content import DEMO_USERS


@dataclass
class Site:
    users: dict  # {role: the demo's user with that role}
    objects: dict  # {kind: [a real value]} for every kind of urlconf.OBJECTS
    missing: dict  # {kind: [a value that names nothing]}


def log_in(client, user) -> None:
    """Log `user` in on `client` as the pages' tests do (one place, should logging in ask
    for more, e.g. a second factor)."""
    client.force_login(user)


@pytest.fixture(scope="module")
def site(demo, django_db_blocker) -> Site:
    """The demo with an object for every path parameter, and its users by role.

    The demo lacks a few kinds, added here: a finalised board document (its file not
    rendered) and a PDF job for it, a previewed (not imported) purchase file, and the work
    items of the IVO round (the sweep of one rule; a round's item opens both the item's page
    and the round's). The real check is not a criminal-record one (those are the crawl's,
    tests/uppfoljning/test_criminal_record_crawl.py), so coordinators may read it; the real
    contract is active and the real exclusion not lifted, so they can still be ended and
    lifted. Built inside the module's demo transaction and rolled back with it."""
    with django_db_blocker.unblock():
        by_name = {u.username: u for u in get_user_model().objects.all()}
        users = {role or SUPERUSER: by_name[name] for name, _, _, role in DEMO_USERS}
        strategist = users["strategist"]
        report = finalised_report(Board.objects.get(), strategist, "Uppföljning 2025", "S-1", 3)
        ReportJob.objects.create(report=report, requested_by=strategist)
        feed_services.feed_preview(
            kind="purchases",
            file_name="inköp.csv",
            content=csv_bytes([PURCHASE_HEADER]),
            user=strategist,
        )
        ivo = ControlRule.objects.get(kind=RuleKind.IVO_REVIEW)
        control_services.sweep(on=DEMO_TODAY, rule_ids=[ivo.pk])
        round_item = WorkItem.objects.filter(rule=ivo).order_by("pk").first()
        check = Check.objects.exclude(kind=CheckKind.CRIMINAL_RECORD).order_by("pk").first()
        chosen = {
            "report": report,
            "check": check,
            "workitem": round_item,
            "contract": Contract.objects.filter(status=ContractStatus.ACTIVE).order_by("pk")[0],
            "exclusion": Exclusion.objects.filter(lifted_on=None).order_by("pk")[0],
        }
        objects = first_objects(chosen)
    return Site(users=users, objects=objects, missing=missing_objects())
