"""Writes of the assessment: areas per agreement, the grid, method records and survey answers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from followups.cases.presets import PRESETS, preset_for_agreement_name
from followups.models import (
    Assessment,
    AssessmentArea,
    FollowUp,
    Rating,
)
from suppliers.models import FrameworkAgreement
from uppfoljning.core.errors import DomainError
from uppfoljning.core.personal_data import check_free_text
from uppfoljning.core.services import require, save_with_history

# --- Assessment areas and the grid ------------------------------------------------------


def _refuse_personal_numbers(texts: list[tuple[str, str]]) -> None:
    """These pages post their texts without a form: refuse every text (label, text) that
    holds a personal identity number, all at once, before anything is written."""
    errors = []
    for label, text in texts:
        try:
            check_free_text(text, label)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)


def assessment_areas_seed(*, agreement: FrameworkAgreement, preset: str) -> list[AssessmentArea]:
    """Give an agreement its own areas from a template (existing names are kept)."""
    names = PRESETS[preset]
    areas = []
    for order, name in enumerate(names, start=1):
        area, _created = AssessmentArea.objects.get_or_create(
            agreement=agreement, name=name, defaults={"order": order}
        )
        areas.append(area)
    return areas


def assessment_areas_ensure(*, agreement: FrameworkAgreement) -> None:
    """An agreement without its own areas gets the template its name suggests."""
    if agreement.assessment_areas.exists():
        return
    preset = preset_for_agreement_name(agreement.name)
    if preset != "default":
        assessment_areas_seed(agreement=agreement, preset=preset)


@transaction.atomic
def assessment_grid_save(
    *, followup: FollowUp, ratings: dict[tuple[int, int], tuple[str, str]], user
) -> int:
    """Save ratings {(supplier_id, area_id): (rating, comment)}; returns how many changed."""
    require(user, "followups.change_assessment")
    if not followup.is_open:
        raise DomainError(_("A completed follow-up cannot be assessed any more."))
    from followups.cases.selectors import assessment_areas

    suppliers = {s.pk: s for s in followup.suppliers.all()}
    areas = {a.pk: a for a in assessment_areas(followup.agreement)}
    supplier_ids, area_ids = set(suppliers), set(areas)
    _refuse_personal_numbers(
        [
            # The comment's label on the page; unknown ids are refused below anyway.
            (_("Comment on %(a)s for %(s)s") % {"a": areas[a], "s": suppliers[s]}, text)
            for (s, a), (_rating, text) in ratings.items()
            if s in suppliers and a in areas
        ]
    )
    existing = {
        (a.supplier_id, a.area_id): a
        for a in Assessment.objects.filter(followup=followup).select_for_update()
    }
    changed = 0
    for (supplier_id, area_id), (rating, comment) in ratings.items():
        if supplier_id not in supplier_ids:
            raise DomainError(_("The supplier is not in the follow-up's scope."))
        if area_id not in area_ids:
            raise DomainError(_("The area is not in the agreement's assessment template."))
        if rating not in Rating.values:
            raise DomainError(_("Unknown rating."))
        comment = (comment or "").strip()
        current = existing.get((supplier_id, area_id))
        if current is None:
            if rating == Rating.NOT_ASSESSED and not comment:
                continue
            current = Assessment(followup=followup, supplier_id=supplier_id, area_id=area_id)
        elif current.rating == rating and current.comment == comment:
            continue
        current.rating = rating
        current.comment = comment
        save_with_history(current, user=user, reason=_("Assessment saved"))
        changed += 1
    return changed


# --- Method records -----------------------------------------------------------------------


@transaction.atomic
def method_record_save(*, record, user):
    """Save a survey, interview, document request or visit within the follow-up's scope."""
    require(user, f"followups.{'change' if record.pk else 'add'}_{record._meta.model_name}")
    followup = record.followup
    if not followup.is_open:
        raise DomainError(_("A completed follow-up cannot get new records."))
    unit = getattr(record, "unit", None)
    if unit is not None:
        record.supplier = unit.supplier
    if record.supplier_id and not followup.suppliers.filter(pk=record.supplier_id).exists():
        raise DomainError(_("The supplier is not in the follow-up's scope."))
    save_with_history(record, user=user, reason=_("Record saved"))
    return record


@transaction.atomic
def survey_area_summaries_save(*, survey, summaries: dict[int, str], user) -> int:
    """Save the survey's answers per assessment area; an emptied text removes its summary."""
    from followups.cases.selectors import assessment_areas
    from followups.models import SurveyAreaSummary

    require(user, "followups.change_survey")
    if not survey.followup.is_open:
        raise DomainError(_("A completed follow-up cannot get new records."))
    areas = {a.pk: a for a in assessment_areas(survey.followup.agreement)}
    area_ids = set(areas)
    _refuse_personal_numbers([(str(areas[a]), text) for a, text in summaries.items() if a in areas])
    existing = {s.area_id: s for s in survey.area_summaries.select_for_update()}
    changed = 0
    for area_id, text in summaries.items():
        if area_id not in area_ids:
            raise DomainError(_("The area is not in the agreement's assessment template."))
        text = (text or "").strip()
        current = existing.get(area_id)
        if not text:
            if current is not None:
                current._history_user = user
                current.delete()
                changed += 1
            continue
        if current is not None and current.summary == text:
            continue
        current = current or SurveyAreaSummary(survey=survey, area_id=area_id)
        current.summary = text
        save_with_history(current, user=user, reason=_("Survey answers saved"))
        changed += 1
    return changed
