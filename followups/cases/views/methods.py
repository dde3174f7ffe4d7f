"""A follow-up's methods (surveys, interviews, document requests, visits) and its grid."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from followups.cases import forms, selectors, services
from followups.models import (
    DocumentRequest,
    FollowUp,
    Interview,
    Rating,
    Survey,
    Visit,
)
from uppfoljning.core.views import (
    EditVersionMixin,
    PermissionFirstMixin,
    StaleEdit,
)

from .base import ServiceFormView, today

# --- Method records ------------------------------------------------------------------------


class MethodCreateView(ServiceFormView):
    """Add a survey, interview, document request or visit from the follow-up page."""

    record_model = None
    model = FollowUp

    def has_permission(self):
        meta = self.record_model._meta
        return self.request.user.has_perm(f"{meta.app_label}.add_{meta.model_name}")

    def get_form(self, form_class=None):
        return self.form_class(followup=self.object, **self.get_form_kwargs())

    def get_initial(self):
        return {name: today() for name in ("sent_on", "held_on", "requested_on", "visited_on")}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Add %(what)s") % {"what": self.record_model._meta.verbose_name}
        return ctx

    def form_valid(self, form):
        try:
            services.method_record_save(record=form.instance, user=self.request.user)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(what)s has been recorded.")
            % {"what": str(self.record_model._meta.verbose_name).capitalize()},
        )
        return redirect(self.object.get_absolute_url())


class SurveyCreateView(MethodCreateView):
    record_model = Survey
    form_class = forms.SurveyForm


class InterviewCreateView(MethodCreateView):
    record_model = Interview
    form_class = forms.InterviewForm


class DocumentRequestCreateView(MethodCreateView):
    record_model = DocumentRequest
    form_class = forms.DocumentRequestForm


class VisitCreateView(MethodCreateView):
    record_model = Visit
    form_class = forms.VisitForm


class SurveyAreasView(EditVersionMixin, PermissionFirstMixin, FormView):
    """The survey's answers summarised per assessment area, all areas in one form, saved
    against the version it was opened at."""

    permission_required = "followups.change_survey"
    template_name = "followups/survey_areas.html"
    form_class = forms.SurveyAreasForm

    def load(self, request, **kwargs):
        self.survey = get_object_or_404(Survey.objects.select_related("followup"), pk=kwargs["pk"])
        self.areas = selectors.assessment_areas(self.survey.followup.agreement)

    def _saved(self, survey) -> dict:
        return {s.area_id: s.summary for s in survey.area_summaries.all()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "areas": self.areas, "saved": self._saved(self.survey)}

    def version_object(self):
        return self.survey

    def version_values(self, survey, form):
        saved = self._saved(survey)
        return {f"a-{area.pk}": saved.get(area.pk, "") for area in self.areas}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = ctx["form"]
        ctx["survey"] = self.survey
        ctx["object"] = self.survey.followup
        ctx["rows"] = [(area, form[f"a-{area.pk}"].value() or "") for area in self.areas]
        return ctx

    def form_valid(self, form):
        summaries = {area.pk: form.cleaned_data[f"a-{area.pk}"] for area in self.areas}
        try:
            self.save_versioned(
                form,
                lambda: services.survey_area_summaries_save(
                    survey=self.survey, summaries=summaries, user=self.request.user
                ),
            )
        except StaleEdit as stale:
            return self.refuse_stale(form, stale)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("The answers per area have been saved."))
        return redirect(self.survey.followup.get_absolute_url() + "#methods-heading")


# --- Assessment grid -----------------------------------------------------------------------


class AssessmentGridView(EditVersionMixin, PermissionFirstMixin, FormView):
    """Every supplier in scope × every area of the template, in one form, saved against the
    version it was opened at."""

    permission_required = "followups.change_assessment"
    template_name = "followups/assessment_grid.html"
    form_class = forms.AssessmentGridForm

    def load(self, request, **kwargs):
        self.object = get_object_or_404(FollowUp, pk=kwargs["pk"])
        self.areas, self.rows = selectors.assessment_grid(self.object)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rows": self.rows}

    def version_values(self, followup, form):
        _areas, rows = selectors.assessment_grid(followup)
        values = {}
        for row in rows:
            for area, saved in row.cells:
                key = f"{row.supplier.pk}-{area.pk}"
                values[f"r-{key}"] = saved.rating if saved else Rating.NOT_ASSESSED
                values[f"c-{key}"] = saved.comment if saved else ""
        return values

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = ctx["form"]
        ctx["object"] = self.object
        ctx["areas"] = self.areas
        # Each cell as the form holds it: saved, or as typed when the save was refused.
        ctx["rows"] = [
            {
                "supplier": row.supplier,
                "cells": [
                    (
                        area,
                        form[f"r-{row.supplier.pk}-{area.pk}"].value(),
                        form[f"c-{row.supplier.pk}-{area.pk}"].value() or "",
                    )
                    for area, _saved in row.cells
                ],
            }
            for row in self.rows
        ]
        ctx["ratings"] = Rating.choices
        return ctx

    def form_valid(self, form):
        ratings = {}
        for row in self.rows:
            for area, _saved in row.cells:
                key = f"{row.supplier.pk}-{area.pk}"
                if form.cleaned_data.get(f"r-{key}"):
                    ratings[(row.supplier.pk, area.pk)] = (
                        form.cleaned_data[f"r-{key}"],
                        form.cleaned_data.get(f"c-{key}", ""),
                    )
        try:
            changed = self.save_versioned(
                form,
                lambda: services.assessment_grid_save(
                    followup=self.object, ratings=ratings, user=self.request.user
                ),
            )
        except StaleEdit as stale:
            return self.refuse_stale(form, stale)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The assessments have been saved (%(n)s changed).") % {"n": changed}
        )
        return redirect(self.object.get_absolute_url() + "#assessment-heading")
