"""The coverage page: which agreements have had their special follow-up in their period."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from . import coverage
from .coverage_forms import CoverageFilterForm


class CoverageView(PermissionRequiredMixin, TemplateView):
    """One row per agreement, one column per calendar year; strategists and coordinators.

    Anonymous users are sent to the login page by the login middleware; a logged-in user
    without the permission gets 403.
    """

    raise_exception = True
    permission_required = "followups.view_followup"
    template_name = "followups/coverage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        on = timezone.localdate()
        # Other parameters (a stale link's ?year=) leave the form unbound, so the select
        # shows the default year the table is for.
        data = self.request.GET if "show" in self.request.GET else None
        form = CoverageFilterForm(data, years=coverage.agreement_years(on), default_year=on.year)
        year = form.selected_year()
        rows = coverage.special_coverage(agreements=coverage.agreements_in_force(year), on=on)
        years = coverage.year_span(rows)
        ctx.update(
            on=on,
            form=form,
            year=year,
            years=years,
            lines=[(row, [row.year(y) for y in years]) for row in rows],
        )
        return ctx
