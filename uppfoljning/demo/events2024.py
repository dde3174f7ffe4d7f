"""Continuous IVO reviews, event-driven follow-ups and deviations of 2024, and today's open work."""

import datetime
import random

from django.db.models import Q

from followups.cases import services as fs
from followups.models import (
    Check,
    Deviation,
    DeviationStatus,
    FollowUpKind,
    Visit,
)
from suppliers.models import Contract, Exclusion, FrameworkAgreement, Supplier

from . import content
from . import texts2024 as t
from .work2024 import Work2024, at_hour, lift_conclusion, save_with_history

D = datetime.date
REFERENCES = {a.key: a.reference for a in content.AGREEMENTS}


class EventsAndDeviations(Work2024):
    """IVO review rounds, event-driven follow-ups, deviations; today's open work."""

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
                title=f"Händelsestyrd uppföljning {ex.supplier.name}: uppgifter i media",
                start=ex.start_date,
                focus=ex.description,
                end=ex.lifted_on,
                conclusion=lift_conclusion(
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
                conclusion=lift_conclusion(ex, "Utredningen är klar."),
                trigger_source="ivo",
                trigger_text="Avvikelse inkommen till IVO.",
            )

    def event_driven_after_special_stod(self):
        """004's event-driven follow-up of a Stödboende supplier that had not remedied what
        the special follow-up found, shown at a fictional supplier: 004 does not name it."""
        agreement = self.agreements["stod_ungdom"]
        spec = t.SHOWCASE_STOD
        supplier = Supplier.objects.get(name=content.SHOWCASE["stod_ungdom"])
        title = spec["title"].format(supplier=supplier.name)
        if self._exists(agreement, title):
            return
        unit = supplier.units.order_by("name").first()
        followup = self._start(
            kind=FollowUpKind.EVENT_DRIVEN,
            agreement=agreement,
            title=title,
            start=spec["start"],
            suppliers=[supplier],
            units=[unit],
            trigger_source="media",
            trigger_text=spec["trigger_text"],
            focus=spec["focus"],
        )
        visited_on, observations = spec["visit"]
        self._record(
            Visit(
                followup=followup,
                unit=unit,
                notice="unannounced",
                time_of_day="evening",
                visited_on=visited_on,
                visitors=t.STRATEGISTS,
                observations=observations,
            )
        )
        findings = [dict(f, supplier="showcase") for f in t.SHOWCASE_STOD_FINDINGS]
        made = self._findings(followup, {"showcase": supplier}, findings)
        for finding, fspec in made:
            self._finding_path(finding, fspec)
        self._complete(followup, spec["completed"], spec["conclusion"])

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
        deviation.reported_at = at_hour(occurred + datetime.timedelta(days=1))
        save_with_history(deviation, reporter)
        self.created["deviation"] += 1
        if status == "new":
            return deviation
        triaged_on = occurred + datetime.timedelta(days=4)
        if status == DeviationStatus.ESCALATED:
            # The triage service opens the follow-up today; in the demo it opened in 2024.
            deviation.status = status
            deviation.triage_reason = t.DEVIATION_TRIAGE[status]
            deviation.triaged_by = self.strategist
            deviation.triaged_at = at_hour(triaged_on, 14)
            save_with_history(deviation, self.strategist)
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
        deviation.triaged_at = at_hour(triaged_on, 14)
        save_with_history(deviation, self.strategist)
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
