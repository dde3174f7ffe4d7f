"""The plan's checks of 2024 and its live part (exclusions and checks placed relative to today)."""

import datetime
from decimal import Decimal

from .generators import (
    CRIMINAL_RECORD_ROUNDS_2024,
    DELEGATE_ADULTS,
    DELEGATE_CHILDREN,
    IVO_REVIEWS_2024,
)
from .records import CheckPlan, ExclusionPlan


def checks_2024(checks, rng, by_key, suppliers, contracts, ended, excluded_2024):
    """IVO reviews twice a year, credit and criminal-record checks as 004 tells 2024."""
    for key in ("hvb_barn", "stod_ungdom"):
        spec = by_key[key]
        ivo_paused = {
            sup: ex for sup, ex in excluded_2024.get(key, []) if ex.reason == "ivo_supervision"
        }
        for cp in (x for x in contracts if x.agreement == spec.reference):
            end = ended[key].get(cp.supplier)
            for i, day in enumerate(IVO_REVIEWS_2024, start=1):
                if end is not None and end.ended_on <= day:
                    continue
                ex = ivo_paused.get(cp.supplier)
                in_case = ex is not None and ex.start_date <= day < (ex.lifted_on or day)
                for unit in cp.units:
                    checks.append(
                        CheckPlan(
                            kind="ivo",
                            supplier=cp.supplier,
                            unit=unit,
                            agreement=spec.reference,
                            performed_on=day,
                            result="remark" if in_case else "ok",
                            reference=f"Placeringsstöd, granskning 2024:{i}",
                            summary=(
                                "Pågående tillsynsärende med beslut om återrapportering."
                                if in_case
                                else "Tillstånd finns; inga pågående tillsynsärenden."
                            ),
                            extra={
                                "ivo_permit_status": "granted",
                                "ivo_open_supervision": in_case,
                            },
                        )
                    )
        # The IVO remark that started each pause (found at a call-off check).
        for sup, ex in ivo_paused.items():
            cp = next(x for x in contracts if x.agreement == spec.reference and x.supplier == sup)
            checks.append(
                CheckPlan(
                    kind="ivo",
                    supplier=sup,
                    unit=cp.units[0],
                    agreement=spec.reference,
                    performed_on=ex.start_date - datetime.timedelta(days=2),
                    result="remark",
                    reference="Placeringsstöd, avropskontroll",
                    summary="IVO har beslutat om återrapportering av åtgärder efter tillsyn.",
                    extra={"ivo_permit_status": "granted", "ivo_open_supervision": True},
                )
            )
    # Credit checks behind each weak-economy pause and economic termination.
    for key, items in excluded_2024.items():
        for sup, ex in items:
            if ex.reason == "weak_economy":
                checks.append(
                    CheckPlan(
                        kind="credit",
                        supplier=sup,
                        agreement=by_key[key].reference,
                        performed_on=ex.start_date - datetime.timedelta(days=3),
                        result="serious",
                        reference="Kreditupplysning, bevakning 2024",
                        summary="Skatteskulder och betalningsanmärkningar.",
                        extra={
                            "credit_rating": "Hög risk",
                            "payment_remarks": rng.randint(2, 6),
                            "tax_debt": Decimal(rng.randint(150, 900) * 1000),
                        },
                    )
                )
    for key, by_sup in ended.items():
        for sup, end in by_sup.items():
            if end.reason == "economy" and key == "skyddat":
                checks.append(
                    CheckPlan(
                        kind="credit",
                        supplier=sup,
                        agreement=by_key[key].reference,
                        performed_on=end.ended_on - datetime.timedelta(days=45),
                        result="serious",
                        reference="Kreditupplysning, bevakning 2024",
                        summary="Svag ekonomisk ställning; negativt eget kapital.",
                        extra={"credit_rating": "Hög risk", "payment_remarks": 3},
                    )
                )
    # Criminal-record checks of all HVB representatives, twice (after media reports).
    spec = by_key["hvb_barn"]
    flagged = {
        ex.start_date - datetime.timedelta(days=7): sup
        for sup, ex in excluded_2024.get("hvb_barn", [])
        if ex.reason == "investigation"
    }
    for i, day in enumerate(CRIMINAL_RECORD_ROUNDS_2024, start=1):
        for cp in (x for x in contracts if x.agreement == spec.reference):
            end = ended["hvb_barn"].get(cp.supplier)
            if end is not None and end.ended_on <= day:
                continue
            for rep in suppliers[cp.supplier].representatives:
                checks.append(
                    CheckPlan(
                        kind="criminal_record",
                        supplier=cp.supplier,
                        representative=rep.name,
                        agreement=spec.reference,
                        performed_on=day,
                        result="remark" if flagged.get(day) == cp.supplier else "ok",
                        reference=f"Belastningsregister, kontrollomgång 2024:{i}",
                    )
                )


def live_part(today, rng, refs, by_key, suppliers, members, contracts, exclusions, checks):
    """Exclusions and checks in the successor agreements, placed relative to today."""

    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    live = [
        spec
        for key, spec in by_key.items()
        if key.endswith("_next") and spec.start_date <= today <= spec.option_end_date
    ]
    live.sort(key=lambda s: s.reference)
    live_refs = {s.reference for s in live}
    serious_unit_done = False
    for spec in live:
        pred_key = spec.key.removesuffix("_next")
        fictional = [(k, u) for k, u in members[spec.key] if not suppliers[k].named]
        # Exclusions in force today, one overdue for review, one lifted.
        scenarios = {
            "hvb_barn": [
                ("ivo_supervision", 40, 20, None),
                ("weak_economy", 75, -5, None),
                ("dormant", 120, 60, None),
                ("ivo_supervision", 150, -90, 30),
            ],
            "stod_ungdom": [("ivo_supervision", 12, 30, None)],
            "skyddat": [("investigation", 25, 10, None)],
            "hvb_vuxna": [("ivo_supervision", 200, -140, 80)],
        }.get(pred_key, [])
        picks = rng.sample(fictional, len(scenarios))
        for (reason, started, review_in, lifted_ago), (sup, _u) in zip(
            scenarios, picks, strict=True
        ):
            start = max(ago(started), spec.start_date)
            ex = ExclusionPlan(
                supplier=sup,
                agreement=spec.reference,
                reason=reason,
                description={
                    "ivo_supervision": "Pågående tillsynsärende hos IVO med krav på åtgärder.",
                    "weak_economy": "Betalningsanmärkningar och skatteskuld i kreditupplysningen.",
                    "dormant": "Verksamheten är tillfälligt vilande i väntan på ny föreståndare.",
                    "investigation": "Avvikelse inkommen till IVO; utredning pågår.",
                }[reason],
                decided_by=DELEGATE_CHILDREN
                if spec.target_group == "children"
                else DELEGATE_ADULTS,
                decided_on=start,
                decision_reference=refs(start.year),
                start_date=start,
                review_date=max(today + datetime.timedelta(days=review_in), start),
            )
            if lifted_ago is not None:
                ex.lifted_on = max(ago(lifted_ago), start)
                ex.lift_reference = refs(ex.lifted_on.year)
                ex.lift_note = "Leverantören har redovisat vidtagna åtgärder."
            exclusions.append(ex)
        # IVO checks of every unit: most current, some with remarks, some overdue or missing.
        if spec.requires_ivo_permit:
            for sup, units in members[spec.key]:
                for unit in units:
                    roll = rng.random()
                    if roll < 0.04:
                        continue  # never checked in this agreement: caution
                    if roll < 0.09:
                        day, result = ago(rng.randint(200, 260)), "ok"  # older than 6 months
                    elif roll < 0.15:
                        day, result = ago(rng.randint(5, 40)), "remark"
                    else:
                        day, result = ago(rng.randint(15, 70)), "ok"
                    if not serious_unit_done and not suppliers[sup].named and roll > 0.5:
                        # One unit whose permit IVO has revoked: blocked.
                        suppliers[sup].unit(unit).ivo_permit_status = "revoked"
                        day, result = ago(9), "serious"
                        serious_unit_done = True
                    if suppliers[sup].named:
                        result = "ok"  # no invented remark on a supplier 004 names
                    checks.append(
                        CheckPlan(
                            kind="ivo",
                            supplier=sup,
                            unit=unit,
                            agreement=spec.reference
                            if day >= spec.start_date
                            else spec.successor_of,
                            performed_on=day,
                            result=result,
                            reference=f"Placeringsstöd, halvårsgranskning ({spec.reference})",
                            summary={
                                "ok": "Tillstånd finns; inga pågående tillsynsärenden.",
                                "remark": "Pågående tillsynsärende hos IVO.",
                                "serious": "IVO har återkallat tillståndet.",
                            }[result],
                            extra={
                                "ivo_permit_status": "revoked"
                                if result == "serious"
                                else "granted",
                                "ivo_open_supervision": result == "remark",
                            },
                        )
                    )
    # Credit monitoring of every supplier with a live contract: a few remarks.
    live_suppliers = sorted(
        {cp.supplier for cp in contracts if cp.agreement in live_refs},
        key=lambda k: suppliers[k].org_number,
    )
    for sup in live_suppliers:
        roll = rng.random()
        result = "serious" if roll < 0.01 else "remark" if roll < 0.06 else "ok"
        if suppliers[sup].named:
            result = "ok"  # no invented remark on a supplier 004 names
        checks.append(
            CheckPlan(
                kind="credit",
                supplier=sup,
                performed_on=ago(rng.randint(3, 40)),
                result=result,
                reference="Kreditupplysning, löpande bevakning",
                summary={
                    "ok": "Inga anmärkningar.",
                    "remark": "En betalningsanmärkning; kompletterande redovisning begärd.",
                    "serious": "Skatteskuld hos Kronofogden.",
                }[result],
                extra={
                    "credit_rating": {"ok": "Låg risk", "remark": "Förhöjd risk"}.get(
                        result, "Hög risk"
                    ),
                    "payment_remarks": {"ok": 0, "remark": 1}.get(result, 4),
                },
            )
        )
    # Criminal-record checks of HVB representatives every six months (plan 2025 onward).
    hvb = by_key.get("hvb_barn_next")
    if hvb is not None and hvb.reference in live_refs:
        for sup, _units in members["hvb_barn_next"]:
            for rep in suppliers[sup].representatives:
                checks.append(
                    CheckPlan(
                        kind="criminal_record",
                        supplier=sup,
                        representative=rep.name,
                        agreement=hvb.reference,
                        performed_on=ago(rng.randint(60, 100)),
                        result="ok",
                        reference="Belastningsregister, halvårskontroll",
                    )
                )
