"""IVO's status list: each unit's permit and whether a supervision case is open."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followups.checks.services import check_record
from followups.feeds.base import CHANGE, CREATE, UNCHANGED, Column, Feed, RowError
from followups.feeds.signals import raise_signal
from followups.models import (
    Check,
    CheckKind,
    CheckResult,
    DeviationCategory,
    DeviationSource,
    IvoPermitReading,
)
from suppliers import services as supplier_services
from suppliers.models import IvoPermitStatus, Unit

PERMITS = {
    "beviljat": (IvoPermitStatus.VALID, IvoPermitReading.GRANTED),
    "beviljad": (IvoPermitStatus.VALID, IvoPermitReading.GRANTED),
    "granted": (IvoPermitStatus.VALID, IvoPermitReading.GRANTED),
    "ansökt": (IvoPermitStatus.APPLIED, IvoPermitReading.APPLIED),
    "applied": (IvoPermitStatus.APPLIED, IvoPermitReading.APPLIED),
    "saknas": (IvoPermitStatus.MISSING, IvoPermitReading.MISSING),
    "missing": (IvoPermitStatus.MISSING, IvoPermitReading.MISSING),
    "återkallat": (IvoPermitStatus.REVOKED, IvoPermitReading.REVOKED),
    "återkallad": (IvoPermitStatus.REVOKED, IvoPermitReading.REVOKED),
    "revoked": (IvoPermitStatus.REVOKED, IvoPermitReading.REVOKED),
}


class IvoFeed(Feed):
    kind = "ivo"
    label = gettext_lazy("IVO status list")
    columns = [
        Column("org_number", "Organisationsnummer", ("orgnr", "organisation number")),
        Column("unit", "Enhet", ("verksamhet", "unit"), free_text=True),
        Column("permit", "Tillstånd", ("permit",)),
        Column(
            "permit_ref", "Tillståndsnummer", ("permit reference",), required=False, free_text=True
        ),
        Column("open_case", "Öppet tillsynsärende", ("tillsynsärende", "open case")),
    ]
    unique = ("org_number", "unit")  # one line per unit
    field_columns = {
        "supplier": "org_number",
        "unit": "unit",
        "reference": "permit_ref",
        "ivo_permit_reference": "permit_ref",
        "ivo_permit_status": "permit",
    }

    def handle(self, row, line):
        supplier = self.supplier(row)
        name = self.required(row, "unit")
        unit = Unit.objects.filter(supplier=supplier, name__iexact=name).first()
        if unit is None:
            raise RowError(
                self.header("unit"),
                _("%(supplier)s has no unit called “%(unit)s”.")
                % {"supplier": supplier.name, "unit": name},
            )
        permit_text = self.required(row, "permit").lower()
        if permit_text not in PERMITS:
            raise RowError(
                self.header("permit"),
                _("Unknown permit status “%(value)s”; use beviljat, ansökt, saknas or återkallat.")
                % {"value": permit_text},
            )
        status, reading = PERMITS[permit_text]
        reference = self.text(row, "permit_ref") or unit.ivo_permit_reference
        open_case = self.yes_no(row, "open_case")
        previous = (
            Check.objects.filter(unit=unit, kind=CheckKind.IVO)
            .order_by("-performed_on", "-pk")
            .first()
        )
        was_open = bool(previous and previous.ivo_open_supervision)
        if (
            unit.ivo_permit_status == status
            and unit.ivo_permit_reference == reference
            and previous is not None
            and previous.ivo_permit_status == reading
            and was_open == open_case
        ):
            return UNCHANGED
        old_status = unit.ivo_permit_status
        if (unit.ivo_permit_status, unit.ivo_permit_reference) != (status, reference):
            supplier_services.unit_update(
                unit=unit,
                ivo_permit_status=status,
                ivo_permit_reference=reference,
                user=self.user,
                reason=_("IVO status list"),
            )
        bad_permit = status in (IvoPermitStatus.MISSING, IvoPermitStatus.REVOKED)
        result = (
            CheckResult.SERIOUS
            if bad_permit
            else (CheckResult.REMARK if open_case else CheckResult.OK)
        )
        check_record(
            kind=CheckKind.IVO,
            supplier=supplier,
            unit=unit,
            performed_on=self.today,
            performed_by=self.user,
            result=result,
            reference=reference,
            details={"ivo_permit_status": reading, "ivo_open_supervision": open_case},
            user=self.user,
        )
        reasons = []
        if open_case and not was_open:
            reasons.append(_("open supervision case"))
        if bad_permit and old_status != status:
            reasons.append(IvoPermitStatus(status).label.lower())
        if reasons:
            text = _("IVO: %(reasons)s – %(unit)s, %(supplier)s") % {
                "reasons": ", ".join(reasons),
                "unit": unit.name,
                "supplier": supplier.name,
            }
            raise_signal(
                supplier=supplier,
                unit=unit,
                title=text,
                description=text,
                source=DeviationSource.IVO,
                category=DeviationCategory.PERMIT,
                user=self.user,
                today=self.today,
            )
            self.signal(text)
        return CHANGE if previous else CREATE
