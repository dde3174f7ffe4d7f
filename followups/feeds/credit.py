"""The credit bureau's monitoring file: rating, payment remarks, tax debt, bankruptcy."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followups.checks.services import check_record
from followups.feeds.base import CHANGE, CREATE, UNCHANGED, Column, Feed, RowError
from followups.feeds.signals import raise_signal
from followups.models import Check, CheckKind, CheckResult, DeviationCategory, DeviationSource

# Higher is better. Letter ratings as most Swedish bureaus give them; risk classes 1–5
# where 5 is the lowest risk.
RATING_SCORE = {"AAA": 5, "AA": 4, "A": 3, "B": 2, "C": 1}


def rating_score(rating: str) -> int | None:
    rating = rating.strip().upper()
    if rating in RATING_SCORE:
        return RATING_SCORE[rating]
    if rating.isdigit() and 1 <= int(rating) <= 5:
        return int(rating)
    return None


BANKRUPTCY = "Konkurs eller likvidation"


class CreditFeed(Feed):
    kind = "credit"
    label = gettext_lazy("Credit-bureau monitoring")
    columns = [
        Column("org_number", "Organisationsnummer", ("orgnr", "organisation number")),
        Column("rating", "Kreditvärdighet", ("rating", "riskklass", "betyg")),
        Column("remarks", "Betalningsanmärkningar", ("payment remarks", "anmärkningar")),
        Column("tax_debt", "Skatteskuld", ("tax debt",)),
        Column("bankruptcy", "Konkurs/likvidation", ("konkurs", "bankruptcy"), required=False),
    ]
    unique = ("org_number",)  # one reading per supplier
    field_columns = {
        "supplier": "org_number",
        "credit_rating": "rating",
        "payment_remarks": "remarks",
    }

    def handle(self, row, line):
        supplier = self.supplier(row)
        rating = self.required(row, "rating").upper()
        score = rating_score(rating)
        if score is None:
            raise RowError(
                self.header("rating"),
                _("Unknown credit rating “%(value)s”; use AAA, AA, A, B, C or 1–5.")
                % {"value": rating},
            )
        remarks = self.integer(row, "remarks") or 0
        tax_debt = self.decimal(row, "tax_debt", required=False) or 0
        bankrupt = self.yes_no(row, "bankruptcy")
        if bankrupt or tax_debt > 0 or score <= 1:
            result = CheckResult.SERIOUS
        elif remarks > 0 or score == 2:
            result = CheckResult.REMARK
        else:
            result = CheckResult.OK
        summary = BANKRUPTCY if bankrupt else ""
        previous = (
            Check.objects.filter(supplier=supplier, kind=CheckKind.CREDIT)
            .order_by("-performed_on", "-pk")
            .first()
        )
        reading = (rating, remarks, tax_debt, result, summary)
        if previous and reading == (
            previous.credit_rating,
            previous.payment_remarks or 0,
            previous.tax_debt or 0,
            previous.result,
            previous.summary,
        ):
            return UNCHANGED
        check_record(
            kind=CheckKind.CREDIT,
            supplier=supplier,
            performed_on=self.today,
            performed_by=self.user,
            result=result,
            summary=summary,
            reference=_("Credit-bureau monitoring file"),
            details={"credit_rating": rating, "payment_remarks": remarks, "tax_debt": tax_debt},
            user=self.user,
        )
        reasons = []
        if previous is not None:
            old = rating_score(previous.credit_rating or "")
            if old is not None and score < old:
                reasons.append(
                    _("credit rating lowered from %(old)s to %(new)s")
                    % {"old": previous.credit_rating, "new": rating}
                )
        if tax_debt > 0 and not (previous and (previous.tax_debt or 0) > 0):
            reasons.append(_("tax debt of %(amount)s kr") % {"amount": f"{tax_debt:.0f}"})
        if bankrupt and not (previous and previous.summary == BANKRUPTCY):
            reasons.append(_("bankruptcy or liquidation"))
        if reasons:
            text = _("Credit monitoring: %(reasons)s – %(supplier)s") % {
                "reasons": ", ".join(reasons),
                "supplier": supplier.name,
            }
            raise_signal(
                supplier=supplier,
                title=text,
                description=text,
                source=DeviationSource.CREDIT_BUREAU,
                category=DeviationCategory.ECONOMY,
                user=self.user,
                today=self.today,
            )
            self.signal(text)
        return CHANGE if previous else CREATE
