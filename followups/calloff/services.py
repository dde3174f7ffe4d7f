"""The call-off check's one write: logging a check (PlacementCheck) with the status shown."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from suppliers.models import PlacementCheck
from uppfoljning.core.errors import DomainError

from .selectors import call_off_status


@transaction.atomic
def placement_check_log(
    *,
    user,
    agreement,
    supplier=None,
    unit=None,
    shown_level: str = "",
    on: datetime.date | None = None,
    placement_support_consulted: bool = False,
    placement_support_reading: str = "",
    placement_support_note: str = "",
):
    """Log a call-off check (avropskontroll) with a frozen copy of the status as shown.

    The status is computed again now; if it differs from the level the user saw, nothing
    is logged and the user is asked to read the new status first. No client data is taken.
    """
    if agreement.requires_ivo_permit and not placement_support_consulted:
        raise DomainError(_("Confirm that you consulted IVO's Placeringsstöd."))
    if placement_support_consulted and not placement_support_reading:
        raise DomainError(_("Choose what IVO's Placeringsstöd showed."))
    status = call_off_status(supplier=supplier, unit=unit, agreement=agreement, on=on)[0]
    if shown_level and status.level != shown_level:
        raise DomainError(
            _(
                "The status has changed since the page was shown. Read the new status "
                "before you log the check."
            )
        )
    return PlacementCheck.objects.create(
        performed_by=user,
        supplier=status.supplier,
        unit=status.unit,
        agreement=agreement,
        status_date=status.on,
        level=status.level,
        placement_support_consulted=placement_support_consulted,
        placement_support_reading=placement_support_reading if placement_support_consulted else "",
        placement_support_note=placement_support_note.strip(),
        snapshot=status.as_dict(),
    )
