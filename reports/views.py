"""Pages of the documents: thin views over the services and selectors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from uppfoljning import audit
from uppfoljning.core.errors import DomainError
from uppfoljning.core.history import history_entries
from uppfoljning.core.views import (
    EditVersionMixin,
    PermissionFirstMixin,
    ServiceFormView,
    StaleEdit,
)

from . import rendering, services
from .forms import (
    AnnualReportCreateForm,
    FollowupDocumentCreateForm,
    PlanDocumentCreateForm,
    ReportEditForm,
)
from .models import Report, ReportFile, ReportJob, ReportStatus


class ReportListView(PermissionFirstMixin, ListView):
    """Strategists see every report; the board sees the finalised ones only."""

    permission_required = "reports.view_finalised_report"
    template_name = "reports/report_list.html"
    paginate_by = 25

    def get_queryset(self):
        qs = Report.objects.select_related("board", "final_file", "finalised_by").prefetch_related(
            Prefetch("files", queryset=ReportFile.objects.order_by("-version"))
        )
        if not self.request.user.has_perm("reports.view_report"):
            qs = qs.filter(status=ReportStatus.FINALISED)
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_manage"] = self.request.user.has_perm("reports.view_report")
        ctx["can_add"] = self.request.user.has_perm("reports.add_report")
        return ctx


class _DraftCreateView(ServiceFormView):
    """Create a draft document from a form; a domain rule's message goes back on the form."""

    permission_required = "reports.add_report"
    template_name = "generic/object_form.html"
    success_message = gettext_lazy("The report was created as a draft.")


class AnnualReportCreateView(_DraftCreateView):
    form_class = AnnualReportCreateForm
    title = gettext_lazy("New annual report")

    def act(self, data):
        return services.report_create_annual(
            board=data["board"],
            year=data["year"],
            user=self.request.user,
            registry_reference=data["registry_reference"],
        )


class PlanDocumentCreateView(_DraftCreateView):
    """The yearly plan's document for the board, from an accepted plan."""

    form_class = PlanDocumentCreateForm
    title = gettext_lazy("New plan document")

    def get_initial(self):
        return {"plan": self.request.GET.get("plan")}

    def act(self, data):
        return services.report_create_plan(
            plan=data["plan"],
            user=self.request.user,
            registry_reference=data["registry_reference"],
        )


class FollowupDocumentCreateView(_DraftCreateView):
    """A report on one follow-up, or a feedback letter to one of its suppliers."""

    form_class = FollowupDocumentCreateForm
    title = gettext_lazy("New follow-up document")

    def get_initial(self):
        return {k: self.request.GET.get(k) for k in ("followup", "kind", "supplier")}

    def act(self, data):
        return services.report_create_for_followup(
            followup=data["followup"],
            kind=data["kind"],
            supplier=data["supplier"],
            user=self.request.user,
            registry_reference=data["registry_reference"],
        )


class ReportDetailView(PermissionFirstMixin, DetailView):
    permission_required = "reports.view_report"
    model = Report
    template_name = "reports/report_detail.html"

    def get_queryset(self):
        return Report.objects.select_related("board", "supplier", "created_by", "finalised_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        report = self.object
        ctx["files"] = report.files.select_related("generated_by").order_by("-version")
        ctx["latest_file"] = ctx["files"].first()
        ctx["job"] = report.jobs.first()
        ctx["history"] = history_entries(report, self.request.user)
        ctx["can_change"] = not report.is_finalised and self.request.user.has_perm(
            "reports.change_report"
        )
        ctx["can_finalise"] = not report.is_finalised and self.request.user.has_perm(
            "reports.finalise_report"
        )
        latest = ctx["latest_file"]
        ctx["pdf_up_to_date"] = latest is not None and latest.revision == report.revision
        return ctx


class ReportPreviewView(PermissionFirstMixin, View):
    """The document as HTML in the browser; a finalised report shows its frozen PDF."""

    permission_required = "reports.view_report"

    def get(self, request, pk):
        report = get_object_or_404(Report, pk=pk)
        if report.is_finalised:
            return redirect("reports:file_download", report.final_file_id)
        html = rendering.render_html(report.kind, services.report_context(report))
        audit.record(request, audit.Action.DOCUMENT_VIEWED, report, kind=report.kind)
        return HttpResponse(html)


class ReportEditView(EditVersionMixin, PermissionFirstMixin, FormView):
    """The report's texts; saved against the version the form was opened at."""

    permission_required = "reports.change_report"
    template_name = "reports/report_edit.html"
    form_class = ReportEditForm

    def load(self, request, **kwargs):
        self.report = get_object_or_404(Report, pk=kwargs["pk"])
        if self.report.is_finalised:
            messages.error(request, _("A finalised report cannot be changed."))
            return redirect(self.report)
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["report"] = self.report
        kwargs["texts"] = self.texts = services.report_context(self.report)["sections"]
        return kwargs

    def version_object(self):
        return self.report

    def version_values(self, report, form):
        texts = self.texts if report is self.report else None
        if texts is None:  # the report as locked for the save: its texts now
            texts = services.report_context(report)["sections"]
        return ReportEditForm.shown_values(report, texts)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["report"] = self.report
        ctx["title"] = _("Edit %(name)s") % {"name": self.report}
        return ctx

    def form_valid(self, form):
        try:
            self.save_versioned(
                form,
                lambda: services.report_update(
                    report=self.report,
                    user=self.request.user,
                    sections=form.sections(),
                    title=form.cleaned_data["title"],
                    registry_reference=form.cleaned_data["registry_reference"],
                    document_date=form.cleaned_data["document_date"],
                ),
            )
        except StaleEdit as stale:
            return self.refuse_stale(form, stale)
        except DomainError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The texts were saved. Create the PDF again."))
        return redirect(self.report)


class ReportGenerateView(PermissionFirstMixin, View):
    """'Skapa PDF': queue the generation and show its progress (htmx polls the job)."""

    permission_required = "reports.change_report"

    def post(self, request, pk):
        report = get_object_or_404(Report, pk=pk)
        try:
            job = services.report_request_pdf(report=report, user=request.user)
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
            if request.headers.get("HX-Request"):
                # A stale page (the report was finalised meanwhile): reload the whole page,
                # with the message, instead of swapping a page into #job-status.
                response = HttpResponse(status=204)
                response["HX-Redirect"] = report.get_absolute_url()
                return response
            return redirect(report)
        job.refresh_from_db()
        if request.headers.get("HX-Request"):
            response = render(request, "reports/_job.html", {"job": job, "report": report})
            if job.is_finished:
                response["HX-Refresh"] = "true"
            return response
        return redirect(report)


class ReportJobView(PermissionFirstMixin, View):
    permission_required = "reports.change_report"

    def get(self, request, pk):
        job = get_object_or_404(ReportJob.objects.select_related("report", "result"), pk=pk)
        response = render(request, "reports/_job.html", {"job": job, "report": job.report})
        if job.is_finished and request.headers.get("HX-Request"):
            # Reload the page so the new file, the finalise button and the list appear.
            response["HX-Refresh"] = "true"
        return response


class ReportFinaliseView(PermissionFirstMixin, View):
    permission_required = "reports.finalise_report"

    def post(self, request, pk):
        report = get_object_or_404(Report, pk=pk)
        try:
            services.report_finalise(report=report, user=request.user)
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The report was finalised and is now frozen."))
        return redirect(report)


class FileDownloadView(PermissionFirstMixin, View):
    """Strategists download any file; the board only a finalised report's frozen file."""

    permission_required = "reports.view_finalised_report"

    def get(self, request, pk):
        file = get_object_or_404(ReportFile.objects.select_related("report"), pk=pk)
        report = file.report
        frozen = report.is_finalised and report.final_file_id == file.pk
        if not request.user.has_perm("reports.view_report") and not frozen:
            raise PermissionDenied
        response = FileResponse(
            file.file.open("rb"),
            as_attachment=request.GET.get("inline") != "1",
            filename=file.filename,
            content_type="application/pdf",
        )
        response["X-Content-SHA256"] = file.sha256
        audit.record(
            request,
            audit.Action.DOCUMENT_DOWNLOADED,
            file,
            report=report.pk,
            version=file.version,
            finalised=frozen,
        )
        return response
