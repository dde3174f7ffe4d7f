"""The start page: what the signed-in user's role needs first."""

from django.http import HttpResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from reports.selectors.finalised import finalised_reports
from suppliers.models import Board, Exclusion
from suppliers.selectors import agreement_list

DOCUMENTS_ON_START = 10


class DashboardView(TemplateView):
    template_name = "dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        if user.has_perm("suppliers.view_frameworkagreement"):
            ctx["agreements"] = agreement_list()
        if user.has_perm("suppliers.view_exclusion"):
            active = Exclusion.objects.active_on(today)
            ctx["active_exclusions"] = active.count()
            ctx["exclusions_due_review"] = (
                active.filter(review_date__lte=today)
                .select_related("supplier", "contract__agreement")
                .order_by("review_date")[:20]
            )
        if user.has_perm("reports.view_finalised_report"):
            # The board's start page: the documents it has received, to download.
            ctx["finalised_reports"] = finalised_reports()[:DOCUMENTS_ON_START]
        ctx["today"] = today
        return ctx


class PingView(View):
    """Login-protected, one query: the yardstick the benchmark compares pages against."""

    def get(self, request):
        Board.objects.values_list("pk").first()
        return HttpResponse("ok", content_type="text/plain")
