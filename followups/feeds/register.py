"""The procurement system's list of an agreement's suppliers, units and contracts."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from suppliers import services
from suppliers.models import Contract, FrameworkAgreement, Supplier, Unit

from .base import CHANGE, CREATE, UNCHANGED, Column, Feed, RowError


class RegisterFeed(Feed):
    kind = "register"
    label = gettext_lazy("Register: suppliers, units and contracts")
    columns = [
        Column("agreement", "Ramavtal", ("diarienummer", "agreement")),
        Column("org_number", "Organisationsnummer", ("orgnr", "organisation number")),
        Column("name", "Leverantör", ("leverantörsnamn", "supplier"), free_text=True),
        Column("unit", "Enhet", ("verksamhet", "unit"), required=False, free_text=True),
        Column("place", "Ort", ("place",), required=False, free_text=True),
        Column("rank", "Rangordning", ("rank", "rang"), required=False),
        Column("start", "Avtalsstart", ("start",), required=False),
    ]
    # One row per supplier and unit of an agreement.
    unique = ("agreement", "org_number", "unit")
    field_columns = {"supplier": "org_number", "start_date": "start", "units": "unit"}

    def handle(self, row, line):
        reference = self.required(row, "agreement")
        agreement = FrameworkAgreement.objects.filter(reference__iexact=reference).first()
        if agreement is None:
            raise RowError(
                self.header("agreement"),
                _("No framework agreement with registry reference %(reference)s.")
                % {"reference": reference},
            )
        number = self.org_number(row)
        name = self.required(row, "name")
        rank = self.integer(row, "rank")
        start = self.date(row, "start")
        outcome = set()
        reason = _("Register file from the procurement system")
        who = {"user": self.user, "reason": reason}

        supplier = Supplier.objects.filter(org_number=number).first()
        if supplier is None:
            supplier = services.supplier_create(org_number=number, name=name, **who)
            outcome.add(CREATE)
        elif supplier.name != name:
            services.supplier_update(supplier=supplier, name=name, **who)
            outcome.add(CHANGE)

        unit = None
        unit_name = self.text(row, "unit")
        if unit_name:
            place = self.text(row, "place")
            unit = Unit.objects.filter(supplier=supplier, name__iexact=unit_name).first()
            # A unit's `name` is the Enhet column, not the supplier's Leverantör.
            with self.errors_as(name="unit"):
                if unit is None:
                    unit = services.unit_create(
                        supplier=supplier, name=unit_name, place=place, **who
                    )
                    outcome.add(CREATE)
                elif place and unit.place != place:
                    services.unit_update(unit=unit, place=place, **who)
                    outcome.add(CHANGE)

        contract = Contract.objects.filter(agreement=agreement, supplier=supplier).first()
        if contract is None:
            services.contract_create(
                agreement=agreement,
                supplier=supplier,
                units=[unit] if unit is not None else [],
                rank=rank,
                start_date=start,
                **who,
            )
            return CREATE
        changes = {}
        if rank is not None and contract.rank != rank:
            changes["rank"] = rank
        if start is not None and contract.start_date != start:
            changes["start_date"] = start
        if unit is not None and not contract.units.filter(pk=unit.pk).exists():
            changes["units"] = [*contract.units.all(), unit]
        if changes:
            services.contract_update(contract=contract, **changes, **who)
            outcome.add(CHANGE)
        if CREATE in outcome:
            return CREATE
        return CHANGE if outcome else UNCHANGED
