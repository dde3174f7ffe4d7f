"""The procurement system's list of an agreement's suppliers, units and contracts."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from suppliers.models import Contract, FrameworkAgreement, Supplier, Unit

from .base import CHANGE, CREATE, UNCHANGED, Column, Feed, RowError


class RegisterFeed(Feed):
    kind = "register"
    label = gettext_lazy("Register: suppliers, units and contracts")
    columns = [
        Column("agreement", "Ramavtal", ("diarienummer", "agreement")),
        Column("org_number", "Organisationsnummer", ("orgnr", "organisation number")),
        Column("name", "Leverantör", ("leverantörsnamn", "supplier")),
        Column("unit", "Enhet", ("verksamhet", "unit"), required=False),
        Column("place", "Ort", ("place",), required=False),
        Column("rank", "Rangordning", ("rank", "rang"), required=False),
        Column("start", "Avtalsstart", ("start",), required=False),
    ]

    def _save(self, obj):
        obj._change_reason = _("Register file from the procurement system")
        obj._history_user = self.user
        obj.full_clean()
        obj.save()

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

        supplier = Supplier.objects.filter(org_number=number).first()
        if supplier is None:
            supplier = Supplier(org_number=number, name=name)
            self._save(supplier)
            outcome.add(CREATE)
        elif supplier.name != name:
            supplier.name = name
            self._save(supplier)
            outcome.add(CHANGE)

        unit = None
        unit_name = self.text(row, "unit")
        if unit_name:
            place = self.text(row, "place")
            unit = Unit.objects.filter(supplier=supplier, name__iexact=unit_name).first()
            if unit is None:
                unit = Unit(supplier=supplier, name=unit_name, place=place)
                self._save(unit)
                outcome.add(CREATE)
            elif place and unit.place != place:
                unit.place = place
                self._save(unit)
                outcome.add(CHANGE)

        contract = Contract.objects.filter(agreement=agreement, supplier=supplier).first()
        if contract is None:
            contract = Contract(agreement=agreement, supplier=supplier, rank=rank, start_date=start)
            self._save(contract)
            outcome.add(CREATE)
        else:
            changed = False
            if rank is not None and contract.rank != rank:
                contract.rank, changed = rank, True
            if start is not None and contract.start_date != start:
                contract.start_date, changed = start, True
            if changed:
                self._save(contract)
                outcome.add(CHANGE)
        if unit is not None and not contract.units.filter(pk=unit.pk).exists():
            contract.units.add(unit)
            outcome.add(CHANGE)
        if CREATE in outcome:
            return CREATE
        return CHANGE if outcome else UNCHANGED
