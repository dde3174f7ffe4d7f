"""What the parts of the demo's follow-up year share: its users, agreements and helpers."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from followups.cases import services as fs
from followups.models import (
    AssessmentArea,
    Check,
    FollowUp,
    Survey,
    SurveyAreaSummary,
)
from suppliers.models import FrameworkAgreement, Supplier
from uppfoljning.core import services as core_services

from . import content

D = datetime.date
REFERENCES = {a.key: a.reference for a in content.AGREEMENTS}
NAMED = {n.key: n for n in content.NAMED_SUPPLIERS}


def at_hour(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def save_with_history(obj, user):
    """Demo rows say where they come from in their history."""
    return core_services.save_with_history(obj, user=user, reason="Demodata")


def lift_conclusion(exclusion, done: str) -> str:
    if exclusion.lift_reference == exclusion.contract.agreement.reference:
        return (
            "Utredningen avslutades när ramavtalet löpte ut; uteslutningen upphörde "
            f"{exclusion.lifted_on:%Y-%m-%d}."
        )
    return f"{done} Uteslutningen hävdes {exclusion.lifted_on:%Y-%m-%d}."


class Work2024:
    """Users, agreements and the helpers the parts of the year share."""

    def __init__(self, *, today: datetime.date, created):
        users = get_user_model().objects.in_bulk(
            ["strateg", "samordnare", "socialsekreterare"], field_name="username"
        )
        self.strategist = users["strateg"]
        self.coordinator = users["samordnare"]
        self.caseworker = users["socialsekreterare"]
        self.today = today
        self.created = created
        self.agreements = {
            key: FrameworkAgreement.objects.get(reference=ref) for key, ref in REFERENCES.items()
        }

    # --- helpers ---------------------------------------------------------------------------

    def _exists(self, agreement, title) -> bool:
        return FollowUp.objects.filter(agreement=agreement, title=title).exists()

    def _named(self, key) -> Supplier:
        return Supplier.objects.get(name=NAMED[key].name)

    def _area(self, agreement, name) -> AssessmentArea:
        return AssessmentArea.objects.get(agreement=agreement, name=name)

    def _start(self, *, kind, agreement, title, start, end=None, suppliers=(), units=(), **kw):
        followup = fs.followup_create(
            kind=kind,
            agreement=agreement,
            responsible=self.strategist,
            user=self.strategist,
            title=title,
            suppliers=suppliers,
            units=units,
            planned_start=start,
            planned_end=end,
            **kw,
        )
        fs.followup_start(followup=followup, started_on=start, user=self.strategist)
        self.created[f"followup_{kind}"] += 1
        return followup

    def _record(self, record):
        fs.method_record_save(record=record, user=self.strategist)
        self.created[record._meta.model_name] += 1
        return record

    def _survey(self, followup, audience, spec):
        survey = self._record(
            Survey(
                followup=followup,
                audience=audience,
                sent_on=spec["sent_on"],
                sent_count=spec["sent"],
                answered_count=spec["answered"],
                summary=spec["summary"],
            )
        )
        for name, text in spec["areas"].items():
            save_with_history(
                SurveyAreaSummary(
                    survey=survey, area=self._area(followup.agreement, name), summary=text
                ),
                self.strategist,
            )

    def _grid(self, followup, suppliers, comments, partly, not_fulfilled, not_assessed=()):
        ratings = {}
        for key, supplier in suppliers.items():
            for area in AssessmentArea.objects.filter(agreement=followup.agreement):
                if area.name in not_assessed:
                    rating, comment = "not_assessed", ""
                elif area.name in not_fulfilled.get(key, {}):
                    rating, comment = "not_fulfilled", not_fulfilled[key][area.name]
                elif area.name in partly.get(key, {}):
                    rating, comment = "partly", partly[key][area.name]
                elif area.name == "Meddelarfrihet":
                    rating, comment = "partly", comments[area.name]
                else:
                    rating, comment = "fulfilled", comments.get(area.name, "")
                ratings[(supplier.pk, area.pk)] = (rating, comment)
        self.created["assessment"] += fs.assessment_grid_save(
            followup=followup, ratings=ratings, user=self.strategist
        )

    def _findings(self, followup, suppliers, specs):
        """Create the findings while the follow-up is open; return them for their path."""
        made = []
        for spec in specs:
            supplier = suppliers[spec["supplier"]]
            finding = fs.finding_create(
                followup=followup,
                supplier=supplier,
                severity=spec["severity"],
                description=spec["description"],
                user=self.strategist,
                unit=supplier.units.order_by("name").first(),
                area=self._area(followup.agreement, spec["area"]),
                due_date=spec["due"],
            )
            self.created["finding"] += 1
            made.append((finding, spec))
        return made

    def _finding_path(self, finding, spec):
        user = self.strategist
        given_on, method, note = spec["feedback"]
        fs.finding_give_feedback(
            finding=finding, given_on=given_on, method=method, note=note, user=user
        )
        if spec.get("plan"):
            received, measures, deadline = spec["plan"]
            fs.finding_receive_action_plan(
                finding=finding,
                received_on=received,
                measures=measures,
                deadline=deadline,
                user=user,
            )
            self.created["actionplan"] += 1
        if spec.get("verified") and spec["verified"][0] <= self.today:
            verified_on, note = spec["verified"]
            fs.finding_verify(finding=finding, verified_on=verified_on, note=note, user=user)

    def _complete(self, followup, day, conclusion, summary=None):
        if day > self.today:
            return
        fs.followup_complete(
            followup=followup,
            completed_on=day,
            conclusion=conclusion,
            summary=summary,
            user=self.strategist,
        )

    def _review_checks(self, agreement, supplier_ids, reference):
        return Check.objects.filter(
            kind="ivo", agreement=agreement, supplier_id__in=supplier_ids, reference=reference
        )
