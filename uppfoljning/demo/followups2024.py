"""The follow-up work of 2024 (004_…) and a little of today's, through the follow-up services.

Runs after the register part of the demo. Each block is keyed on something natural (a
follow-up's agreement and title, a deviation's agreement and text) and skipped when it
exists, so a second run changes nothing. Services stamp some times with "now" (when a
deviation was reported and triaged); those are moved back to the demo's dates afterwards,
so the year reads as it happened.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from followups import services as fs
from followups.models import (
    AssessmentArea,
    Check,
    Deviation,
    DeviationStatus,
    DocumentRequest,
    FollowUp,
    FollowUpKind,
    Interview,
    Survey,
    SurveyAreaSummary,
    Visit,
)
from suppliers.models import Contract, Exclusion, FrameworkAgreement, Supplier, Unit

from . import content
from . import texts2024 as t

D = datetime.date
REFERENCES = {a.key: a.reference for a in content.AGREEMENTS}
NAMED = {n.key: n for n in content.NAMED_SUPPLIERS}


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _save(obj, user):
    obj._change_reason = "Demodata"
    obj._history_user = user
    obj.full_clean()
    obj.save()
    return obj


def _lift_conclusion(exclusion, done: str) -> str:
    if exclusion.lift_reference == exclusion.contract.agreement.reference:
        return (
            "Utredningen avslutades när ramavtalet löpte ut; uteslutningen upphörde "
            f"{exclusion.lifted_on:%Y-%m-%d}."
        )
    return f"{done} Uteslutningen hävdes {exclusion.lifted_on:%Y-%m-%d}."


class Year2024:
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

    def load(self):
        self.special_hvb()
        self.special_stod()
        self.special_spel()
        self.ivo_reviews()
        self.event_driven_from_register()
        self.deviations()
        self.live()

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
            _save(
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
        if spec.get("escalation"):
            escalated_on, reason = spec["escalation"]
            fs.finding_escalate(
                finding=finding,
                escalation="event_driven",
                escalated_on=escalated_on,
                reason=reason,
                user=user,
            )
            self.created["followup_event_driven"] += 1
            return finding.escalated_followups.get()
        return None

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
                        comment="Inkommen utan anmärkning.",
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
        for key, notice, time, day in t.HVB_VISITS:
            self._record(
                Visit(
                    followup=followup,
                    unit=suppliers[key].units.get(name=NAMED[key].unit),
                    notice=notice,
                    time_of_day=time,
                    visited_on=day,
                    visitors=t.STRATEGISTS,
                    observations=t.HVB_VISIT_OBSERVATIONS,
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
        made = self._findings(
            followup, suppliers, [f for f in t.FINDINGS if f["followup"] == "hvb"]
        )
        self._complete(followup, t.HVB_DATES["end"], t.CONCLUSIONS["hvb"])
        for finding, spec in made:
            self._finding_path(finding, spec)

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
        for i, (key, supplier) in enumerate(suppliers.items()):
            self._record(
                DocumentRequest(
                    followup=followup,
                    supplier=supplier,
                    document_kind="routines",
                    description=t.STOD_ROUTINES,
                    requested_on=t.STOD_ROUTINES_REQUESTED,
                    received_on=t.STOD_ROUTINES_REQUESTED + datetime.timedelta(days=14 + 2 * i),
                    comment=(
                        "Rutinen för flytt till eget boende var tunn; utvecklad rutin redovisad."
                        + t.ATTRIBUTION
                        if key == "allviken"
                        else "Rutiner inom alla områden redovisade."
                    ),
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
        for key, notice, time, day in t.STOD_VISITS:
            self._record(
                Visit(
                    followup=followup,
                    unit=suppliers[key].units.get(name=NAMED[key].unit),
                    notice=notice,
                    time_of_day=time,
                    visited_on=day,
                    visitors=t.STRATEGISTS,
                    observations=t.STOD_VISIT_OBSERVATIONS[key],
                )
            )
        followup.checks.add(
            *self._review_checks(
                agreement,
                [s.pk for s in suppliers.values()],
                "Placeringsstöd, granskning 2024:2",
            )
        )
        self._grid(followup, suppliers, t.STOD_COMMENTS, t.STOD_PARTLY, t.STOD_NOT_FULFILLED)
        made = self._findings(
            followup, suppliers, [f for f in t.FINDINGS if f["followup"] == "stod"]
        )
        self._complete(followup, t.STOD_DATES["end"], t.CONCLUSIONS["stod"])
        for finding, spec in made:
            escalated = self._finding_path(finding, spec)
            if escalated is not None:
                self._complete(escalated, t.STOD_ESCALATED_COMPLETED, t.STOD_ESCALATED_CONCLUSION)

    def special_spel(self):
        agreement = self.agreements["spel"]
        if self._exists(agreement, t.SPEL_TITLE):
            return
        for order, (name, _rating, _comment) in enumerate(t.SPEL_AREAS, start=1):
            if not AssessmentArea.objects.filter(agreement=agreement, name=name).exists():
                _save(AssessmentArea(agreement=agreement, name=name, order=order), self.strategist)
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

    # --- continuous: the IVO review of all suppliers twice a year ---------------------------

    def ivo_reviews(self):
        for key in ("hvb_barn", "stod_ungdom"):
            agreement = self.agreements[key]
            for i, day in enumerate((D(2024, 3, 11), D(2024, 9, 9)), start=1):
                title = f"Löpande uppföljning: IVO-granskning i Placeringsstöd 2024:{i}"
                if self._exists(agreement, title):
                    continue
                checks = Check.objects.filter(
                    kind="ivo", agreement=agreement, performed_on=day
                ).select_related("supplier")
                suppliers = {c.supplier for c in checks}
                remarks = sorted({c.supplier.name for c in checks if c.result != "ok"})
                followup = self._start(
                    kind=FollowUpKind.CONTINUOUS,
                    agreement=agreement,
                    title=title,
                    start=day,
                    end=day + datetime.timedelta(days=4),
                    suppliers=suppliers,
                    focus=(
                        "Kontroll av tillstånd och tillsynsbeslut för samtliga leverantörer "
                        "via IVO:s Placeringsstöd, två gånger per år."
                    ),
                )
                followup.checks.add(*checks)
                self._complete(
                    followup,
                    day + datetime.timedelta(days=4),
                    (
                        f"{len(suppliers)} leverantörer granskade; {len(remarks)} med pågående "
                        "tillsynsärende hos IVO, tillfälligt uteslutna från avrop i avvaktan på "
                        "återrapportering."
                    ),
                )

    # --- event-driven follow-ups behind the register's decisions ----------------------------

    def event_driven_from_register(self):
        hvb = self.agreements["hvb_barn"]
        for ex in Exclusion.objects.filter(
            contract__agreement=hvb, reason="investigation", start_date__year=2024
        ).order_by("start_date"):
            check = Check.objects.filter(
                kind="criminal_record", supplier=ex.supplier, result="remark"
            ).first()
            self._event_driven(
                agreement=hvb,
                supplier=ex.supplier,
                title=f"Händelsestyrd uppföljning {ex.supplier.name}: belastningsregister",
                start=ex.start_date,
                focus=ex.description,
                end=ex.lifted_on,
                conclusion=_lift_conclusion(
                    ex, "Företrädaren har lämnat sitt uppdrag hos leverantören."
                ),
                trigger_check=check,
            )
        ivo_cases = list(
            Exclusion.objects.filter(
                contract__agreement=hvb, reason="ivo_supervision", start_date__year=2024
            )
            .select_related("contract", "supplier")
            .order_by("start_date")
        )
        lost = [e for e in ivo_cases if e.contract.end_reason == "permit_lost"]
        others = [e for e in ivo_cases if e.lift_note.startswith("Leverantören")][:1]
        for ex in [*lost, *others]:
            contract = ex.contract
            if contract.end_reason == "permit_lost":
                end = contract.ended_on
                conclusion = (
                    f"IVO återkallade tillståndet. Avtalet sades upp {end:%Y-%m-%d} "
                    f"(beslut {contract.decision_reference})."
                )
            else:
                end = ex.lifted_on
                conclusion = (
                    "Leverantören har återrapporterat vidtagna åtgärder till IVO. "
                    f"Uteslutningen hävdes {end:%Y-%m-%d}."
                )
            self._event_driven(
                agreement=hvb,
                supplier=ex.supplier,
                title=f"Händelsestyrd uppföljning {ex.supplier.name}: tillsyn av IVO",
                start=ex.start_date,
                focus=ex.description,
                end=end,
                conclusion=conclusion,
                trigger_source="ivo",
                trigger_text="IVO:s beslut om återrapportering av åtgärder efter tillsyn.",
            )
        skyddat = self.agreements["skyddat"]
        for ex in Exclusion.objects.filter(contract__agreement=skyddat, start_date__year=2024):
            self._event_driven(
                agreement=skyddat,
                supplier=ex.supplier,
                title=f"Händelsestyrd uppföljning {ex.supplier.name}: avvikelse till IVO",
                start=ex.start_date,
                focus=ex.description,
                end=ex.lifted_on,
                conclusion=_lift_conclusion(ex, "Utredningen är klar."),
                trigger_source="ivo",
                trigger_text="Avvikelse inkommen till IVO.",
            )

    def _event_driven(self, *, agreement, supplier, title, start, end, conclusion, **trigger):
        if self._exists(agreement, title):
            return None
        followup = self._start(
            kind=FollowUpKind.EVENT_DRIVEN,
            agreement=agreement,
            title=title,
            start=start,
            suppliers=[supplier],
            focus=trigger.pop("focus", ""),
            **trigger,
        )
        if end is not None:
            self._complete(followup, max(end, start), conclusion)
        return followup

    # --- deviations --------------------------------------------------------------------------

    def deviations(self):
        rng = random.Random(23)
        skyddat_breach = Contract.objects.get(
            agreement=self.agreements["skyddat"], end_reason="breach"
        )
        for key, category, source, status, month, day, text in t.DEVIATIONS:
            agreement = self.agreements[key]
            occurred = D(2024, month, day)
            if Deviation.objects.filter(agreement=agreement, description=text).exists():
                continue
            if key == "skyddat" and status == "escalated":
                supplier = skyddat_breach.supplier
            else:
                candidates = list(
                    Supplier.objects.filter(
                        Q(contracts__ended_on__isnull=True) | Q(contracts__ended_on__gt=occurred),
                        contracts__agreement=agreement,
                        notes=content.FICTIONAL_NOTE,
                    )
                    .distinct()
                    .order_by("org_number")
                )
                supplier = rng.choice(candidates)
            self._deviation(agreement, supplier, category, source, status, occurred, text)

    def _deviation(self, agreement, supplier, category, source, status, occurred, text):
        reporter = self.caseworker if source == "caseworker" else self.coordinator
        deviation = fs.deviation_report(
            agreement=agreement,
            supplier=supplier,
            category=category,
            description=text,
            occurred_on=occurred,
            reporter_role="caseworker" if source == "caseworker" else "administrator",
            source=source,
            severity="significant" if status == "escalated" else "minor",
            user=reporter,
        )
        deviation.reported_at = _at(occurred + datetime.timedelta(days=1))
        _save(deviation, reporter)
        self.created["deviation"] += 1
        if status == "new":
            return deviation
        triaged_on = occurred + datetime.timedelta(days=4)
        if status == DeviationStatus.ESCALATED:
            # The triage service opens the follow-up today; in the demo it opened in 2024.
            deviation.status = status
            deviation.triage_reason = t.DEVIATION_TRIAGE[status]
            deviation.triaged_by = self.strategist
            deviation.triaged_at = _at(triaged_on, 14)
            _save(deviation, self.strategist)
            escalation_end = triaged_on + datetime.timedelta(days=56)
            if agreement.reference == REFERENCES["skyddat"]:
                contract = Contract.objects.get(agreement=agreement, supplier=supplier)
                escalation_end = contract.ended_on
                conclusion = (
                    "Leverantören har inte åtgärdat påtalade brister. Avtalet hävdes "
                    f"{contract.ended_on:%Y-%m-%d} (beslut {contract.decision_reference})."
                )
            else:
                conclusion = (
                    "Leverantören har redovisat åtgärder och bemanningslistor; bristerna "
                    "bedöms åtgärdade."
                )
            self._event_driven(
                agreement=agreement,
                supplier=supplier,
                title=f"Händelsestyrd uppföljning {supplier.name}: avvikelse {occurred:%Y-%m-%d}",
                start=triaged_on,
                end=escalation_end,
                conclusion=conclusion,
                focus=text,
                trigger_deviation=deviation,
            )
            return deviation
        fs.deviation_triage(
            deviation=deviation,
            status=status,
            reason=t.DEVIATION_TRIAGE[status],
            user=self.strategist,
        )
        deviation.refresh_from_db()
        deviation.triaged_at = _at(triaged_on, 14)
        _save(deviation, self.strategist)
        return deviation

    # --- today: an open event-driven follow-up and deviations waiting for triage ------------

    def live(self):
        agreement = FrameworkAgreement.objects.filter(
            reference=content.SUCCESSORS[0][1], start_date__lte=self.today
        ).first()
        if agreement is None or not agreement.is_in_period(self.today):
            return
        active_excluded = Exclusion.objects.active_on(self.today).values("supplier_id")
        candidates = (
            Supplier.objects.filter(
                contracts__agreement=agreement,
                contracts__status="active",
                notes=content.FICTIONAL_NOTE,
            )
            .exclude(pk__in=active_excluded)
            .order_by("org_number")
        )
        supplier, other, third = candidates[3], candidates[11], candidates[19]
        title = f"Händelsestyrd uppföljning {supplier.name}: uppgifter i media"
        if not self._exists(agreement, title):
            start = self.today - datetime.timedelta(days=20)
            followup = self._start(
                kind=FollowUpKind.EVENT_DRIVEN,
                agreement=agreement,
                title=title,
                start=start,
                suppliers=[supplier],
                trigger_source="media",
                trigger_text="Uppgifter i lokalmedia om bristande bemanning nattetid.",
                focus="Bemanning nattetid och rutiner vid oplanerade avbrott.",
            )
            finding = fs.finding_create(
                followup=followup,
                supplier=supplier,
                severity="significant",
                description="Bemanningsschemat visar ensam nattpersonal flera nätter i veckan.",
                area=self._area(agreement, "Bemanning och kompetens"),
                due_date=self.today - datetime.timedelta(days=5),
                user=self.strategist,
            )
            fs.finding_give_feedback(
                finding=finding,
                given_on=start + datetime.timedelta(days=6),
                method="meeting",
                note="Begärt åtgärdsplan för nattbemanningen.",
                user=self.strategist,
            )
            self.created["finding"] += 1
        live_deviations = [
            (other, "staffing", 4, "Kontaktpersonen har inte gått att nå på flera dagar."),
            (third, "invoicing", 2, "Fakturan avser fler dygn än placeringen varat."),
        ]
        for sup, category, days_ago, text in live_deviations:
            if Deviation.objects.filter(agreement=agreement, description=text).exists():
                continue
            source = "caseworker" if category != "invoicing" else "administrator"
            self._deviation(
                agreement,
                sup,
                category,
                source,
                "new",
                self.today - datetime.timedelta(days=days_ago),
                text,
            )


def load_year_2024(*, today: datetime.date, created) -> None:
    Year2024(today=today, created=created).load()
