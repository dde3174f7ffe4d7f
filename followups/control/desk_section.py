"""The strategist's desk shows the work items the sweep has put there, first."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from followups.cases.desk import DESK_LIMIT, DeskSection
from followups.models import WorkItem, WorkItemStatus


def my_work_items(user):
    """Open work items assigned to the user, or to no one, earliest due first."""
    return (
        WorkItem.objects.visible_to(user)
        .filter(status=WorkItemStatus.OPEN)
        .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True))
        .select_related("rule", "assigned_to")
        .order_by("due_date", "pk")
    )


def work_items_section(request, today):
    if not request.user.has_perm("followups.view_workitem"):
        return None
    return DeskSection(
        key="work_items",
        title=_("Controls and reminders due"),
        template="followups/work/_desk_items.html",
        items=list(my_work_items(request.user)[:DESK_LIMIT]),
        empty_text=_("No controls or reminders are due."),
        more_url=reverse("followups:workitem_list") + "?mine=true&status=open",
        order=5,
    )
