"""The weekly e-mail that tells each strategist what is due and overdue."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from followups.models import DigestDelivery, WorkItem, WorkItemStatus
from uppfoljning.core.roles import STRATEGIST

HORIZON_DAYS = 14


def digest_items(*, user, on: datetime.date) -> tuple[list[WorkItem], list[WorkItem]]:
    """(overdue, due within two weeks) open items of the user, and unassigned ones."""
    items = list(
        WorkItem.objects.visible_to(user)
        .filter(status=WorkItemStatus.OPEN)
        .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True))
        .filter(due_date__lte=on + datetime.timedelta(days=HORIZON_DAYS))
        .select_related("rule")
        .order_by("due_date", "pk")
    )
    overdue = [i for i in items if i.due_date < on]
    soon = [i for i in items if i.due_date >= on]
    return overdue, soon


def send_weekly_digests(*, on: datetime.date | None = None) -> int:
    """Send this week's digest to every strategist with an e-mail address; returns the count."""
    on = on or timezone.localdate()
    year, week, _day = on.isocalendar()
    week_key = f"{year}-W{week:02d}"
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=STRATEGIST)
        .exclude(email="")
        .distinct()
    )
    sent = 0
    for user in users:
        overdue, soon = digest_items(user=user, on=on)
        if not overdue and not soon:
            continue
        try:
            with transaction.atomic():
                # The row is written first: if sending fails it rolls back and a retry sends.
                DigestDelivery.objects.create(user=user, week=week_key, items=len(overdue + soon))
                with translation.override(settings.LANGUAGE_CODE):
                    context = {"user": user, "overdue": overdue, "soon": soon, "on": on}
                    send_mail(
                        subject=_("Follow-up: %(count)s work items due or overdue")
                        % {"count": len(overdue) + len(soon)},
                        message=render_to_string("followups/work/digest_email.txt", context),
                        from_email=None,
                        recipient_list=[user.email],
                    )
        except IntegrityError:
            continue  # already sent this week
        sent += 1
    return sent
