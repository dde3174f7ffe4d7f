"""The finance system's purchases per supplier (or unit), agreement and month."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from suppliers import services
from suppliers.models import FrameworkAgreement, Purchase, Unit

from .base import CHANGE, CREATE, UNCHANGED, Column, Feed, RowError


class PurchaseFeed(Feed):
    kind = "purchases"
    label = gettext_lazy("Purchases per month")
    columns = [
        Column("org_number", "Organisationsnummer", ("orgnr", "organisation number")),
        Column("agreement", "Ramavtal", ("diarienummer", "agreement")),
        Column("month", "Månad", ("period", "month")),
        Column("amount", "Belopp", ("belopp kr", "amount", "inköpsvärde")),
        Column("placements", "Antal placeringar", ("placeringar", "placements"), required=False),
        Column("unit", "Enhet", ("verksamhet", "unit"), required=False, free_text=True),
    ]
    # One amount per supplier (or unit), agreement and month: a second would overwrite it.
    unique = ("org_number", "agreement", "month", "unit")

    def row_key(self, row):
        key = super().row_key(row)
        try:
            month = self.month(row).isoformat()
        except RowError:
            return key  # handle() reports the month
        return (key[0], key[1], month, key[3])

    def month(self, row) -> datetime.date:
        value = row.get("month")
        if isinstance(value, datetime.date):
            return datetime.date(value.year, value.month, 1)
        text = self.required(row, "month")
        try:
            return datetime.date.fromisoformat(text[:7] + "-01")
        except ValueError as exc:
            raise RowError(
                self.header("month"),
                _("“%(value)s” is not a month like 2025-01.") % {"value": text},
            ) from exc

    def handle(self, row, line):
        supplier = self.supplier(row)
        reference = self.required(row, "agreement")
        agreement = FrameworkAgreement.objects.filter(reference__iexact=reference).first()
        if agreement is None:
            raise RowError(
                self.header("agreement"),
                _("No framework agreement with registry reference %(reference)s.")
                % {"reference": reference},
            )
        month = self.month(row)
        amount = self.decimal(row, "amount")
        placements = self.integer(row, "placements") or 0
        unit = None
        unit_name = self.text(row, "unit")
        if unit_name:
            unit = Unit.objects.filter(supplier=supplier, name__iexact=unit_name).first()
            if unit is None:
                raise RowError(
                    self.header("unit"),
                    _("%(supplier)s has no unit called “%(unit)s”.")
                    % {"supplier": supplier.name, "unit": unit_name},
                )
        purchase = Purchase.objects.filter(
            supplier=supplier, unit=unit, agreement=agreement, month=month
        ).first()
        if purchase is not None and (purchase.amount, purchase.placements) == (amount, placements):
            return UNCHANGED
        who = {"user": self.user, "reason": _("Purchases file from the finance system")}
        if purchase is not None:
            services.purchase_update(purchase=purchase, amount=amount, placements=placements, **who)
            return CHANGE
        services.purchase_create(
            supplier=supplier,
            unit=unit,
            agreement=agreement,
            month=month,
            amount=amount,
            placements=placements,
            **who,
        )
        return CREATE
