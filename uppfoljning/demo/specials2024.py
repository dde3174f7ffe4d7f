"""The three special follow-ups of 2024: scope, methods, assessments, findings.

The HVB and Stödboende follow-ups hold only what 004 says of each selected (named) supplier
or of all of them (content.STATED); the rest of what 004 tells is in their summaries.
"""

import datetime
import random

from followups.models import (
    AssessmentArea,
    DocumentRequest,
    FollowUpKind,
    Interview,
)
from suppliers.models import Supplier, Unit

from . import content
from . import texts2024 as t
from .work2024 import Work2024, save_with_history

D = datetime.date


class SpecialFollowUps(Work2024):
    """HVB barn och unga, Stödboende för ungdomar and spelmissbruk, 2024."""

    # --- special follow-ups ----------------------------------------------------------------

    def special_hvb(self):
        agreement = self.agreements["hvb_barn"]
        if self._exists(agreement, t.HVB_TITLE):
            return
        suppliers = {n.key: self._named(n.key) for n in content.HVB_SELECTED}
        units = Unit.objects.filter(supplier__in=suppliers.values())
        followup = self._start(
            kind=FollowUpKind.SPECIAL,
            agreement=agreement,
            title=t.HVB_TITLE,
            start=t.HVB_DATES["start"],
            end=t.HVB_DATES["end"],
            suppliers=suppliers.values(),
            units=units,
            focus=t.HVB_FOCUS,
            selection_start=content.SELECTION_START,
            selection_end=content.SELECTION_END,
        )
        self._survey(followup, "caseworkers", t.HVB_CASEWORKER_SURVEY)
        self._survey(followup, "supplier_management", t.HVB_SUPPLIER_SURVEY)
        rng = random.Random(13)
        for i, supplier in enumerate(suppliers.values()):
            for kind, text in (
                ("staff_composition", "Uppgift om bemanning och utbildning/kompetens."),
                ("quality_report", "Verksamhetens senaste kvalitetsberättelse."),
            ):
                self._record(
                    DocumentRequest(
                        followup=followup,
                        supplier=supplier,
                        document_kind=kind,
                        description=text,
                        requested_on=D(2024, 9, 2),
                        received_on=D(2024, 9, 13 + i * 3),
                        comment=content.DOCUMENTS_RECEIVED,
                    )
                )
            role, (low, high) = t.HVB_INTERVIEW
            self._record(
                Interview(
                    followup=followup,
                    supplier=supplier,
                    staff_role=role,
                    interviewee_count=rng.randint(low, high),
                    held_on=D(2024, 10, 1) + datetime.timedelta(days=5 * i),
                    summary="Intervju med personalgruppen på temana i enkäten.",
                )
            )
        followup.checks.add(
            *self._review_checks(
                agreement,
                [s.pk for s in suppliers.values()],
                "Placeringsstöd, granskning 2024:2",
            )
        )
        self._grid(
            followup, suppliers, t.HVB_COMMENTS, t.HVB_PARTLY, {}, not_assessed=t.HVB_NOT_ASSESSED
        )
        self._complete(followup, t.HVB_DATES["end"], t.CONCLUSIONS["hvb"], summary=t.HVB_SUMMARY)

    def special_stod(self):
        agreement = self.agreements["stod_ungdom"]
        if self._exists(agreement, t.STOD_TITLE):
            return
        suppliers = {n.key: self._named(n.key) for n in content.STOD_SELECTED}
        units = Unit.objects.filter(supplier__in=suppliers.values())
        followup = self._start(
            kind=FollowUpKind.SPECIAL,
            agreement=agreement,
            title=t.STOD_TITLE,
            start=t.STOD_DATES["start"],
            end=t.STOD_DATES["end"],
            suppliers=suppliers.values(),
            units=units,
            focus=t.STOD_FOCUS,
            selection_start=content.SELECTION_START,
            selection_end=content.SELECTION_END,
        )
        rng = random.Random(17)
        for i, supplier in enumerate(suppliers.values()):
            self._record(
                DocumentRequest(
                    followup=followup,
                    supplier=supplier,
                    document_kind="routines",
                    description=t.STOD_ROUTINES,
                    requested_on=t.STOD_ROUTINES_REQUESTED,
                    received_on=t.STOD_ROUTINES_REQUESTED + datetime.timedelta(days=14 + 2 * i),
                    comment=content.ROUTINES_RECEIVED,
                )
            )
        self._survey(followup, "caseworkers", t.STOD_CASEWORKER_SURVEY)
        for i, supplier in enumerate(suppliers.values()):
            role, (low, high) = t.STOD_INTERVIEW
            self._record(
                Interview(
                    followup=followup,
                    supplier=supplier,
                    staff_role=role,
                    interviewee_count=rng.randint(low, high),
                    held_on=D(2024, 10, 14) + datetime.timedelta(days=6 * i),
                    summary=(
                        "Intervju via Teams eller på plats om bemanning och beredskap, stödets "
                        "utformning, sysselsättning, hälso- och sjukvård, nätverksarbete, "
                        "försäkring, meddelarfrihet, avvikelsehantering, lex Sarah och "
                        "rutiner vid alkohol- och drogpåverkan."
                    ),
                )
            )
        followup.checks.add(
            *self._review_checks(
                agreement,
                [s.pk for s in suppliers.values()],
                "Placeringsstöd, granskning 2024:2",
            )
        )
        # Meddelarfrihet is rated "partly" for all (the grid's rule); nothing else is pinned
        # on one of the five.
        self._grid(followup, suppliers, t.STOD_COMMENTS, {}, {})
        self._complete(followup, t.STOD_DATES["end"], t.CONCLUSIONS["stod"], summary=t.STOD_SUMMARY)

    def special_spel(self):
        agreement = self.agreements["spel"]
        if self._exists(agreement, t.SPEL_TITLE):
            return
        for order, (name, _rating, _comment) in enumerate(t.SPEL_AREAS, start=1):
            if not AssessmentArea.objects.filter(agreement=agreement, name=name).exists():
                save_with_history(
                    AssessmentArea(agreement=agreement, name=name, order=order), self.strategist
                )
        suppliers = {
            s.org_number: s
            for s in Supplier.objects.filter(contracts__agreement=agreement).order_by("org_number")
        }
        followup = self._start(
            kind=FollowUpKind.SPECIAL,
            agreement=agreement,
            title=t.SPEL_TITLE,
            start=t.SPEL_DATES["start"],
            end=t.SPEL_DATES["end"],
            suppliers=suppliers.values(),
            focus=t.SPEL_FOCUS,
            # The whole agreement is followed up; its purchases over the year before it began
            # are what the selection page and the yearly report show beside each supplier.
            selection_start=datetime.date(2023, 9, 1),
            selection_end=datetime.date(2024, 8, 31),
        )
        spec = t.SPEL_INTERVIEW
        self._record(
            Interview(
                followup=followup,
                staff_role=spec["role"],
                interviewee_count=1,
                held_on=spec["held_on"],
                summary=spec["summary"],
            )
        )
        partly = {}
        not_fulfilled = {
            key: {name: comment for name, rating, comment in t.SPEL_AREAS if rating != "fulfilled"}
            for key in suppliers
        }
        comments = {name: comment for name, _r, comment in t.SPEL_AREAS}
        self._grid(followup, suppliers, comments, partly, not_fulfilled)
        specs = [dict(t.SPEL_FINDING, supplier=key) for key in suppliers]
        made = self._findings(followup, suppliers, specs)
        self._complete(followup, t.SPEL_DATES["end"], t.CONCLUSIONS["spel"])
        for finding, fspec in made:
            self._finding_path(finding, fspec)
