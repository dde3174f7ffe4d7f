"""Pages for data feeds: upload, see the dry run, confirm the import, follow its progress."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import DetailView, FormView, ListView

from ..models import FeedImport, FeedImportStatus, FeedKind
from . import services


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops receiving a file as soon as it passes the limit: nothing more is read or kept.

    Django would otherwise write the whole upload to a temporary file before the view runs.
    The rest of the file is read and discarded (so the browser gets our page) and the file
    is left out of request.FILES.
    """

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler keeps the file


class FeedUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of file"), choices=FeedKind.choices)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (comma or semicolon, UTF-8 or Windows-1252) or XLSX, with a header row."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.FEEDS_MAX_UPLOAD_BYTES:
            raise ValidationError(services.too_large_message())
        return upload


class FeedPermissionMixin(PermissionRequiredMixin):
    permission_required = "followups.add_feedimport"
    raise_exception = True


class FeedListView(FeedPermissionMixin, ListView):
    model = FeedImport
    template_name = "followups/work/feed_list.html"
    paginate_by = 25

    def get_queryset(self):
        return FeedImport.objects.select_related("uploaded_by").defer("content")


# The size limit must be in place before anything reads the body, and the CSRF check reads
# it; so CSRF is checked inside, after the handler is installed (as Django's docs show).
@method_decorator(csrf_exempt, name="dispatch")
class FeedUploadView(FeedPermissionMixin, FormView):
    form_class = FeedUploadForm
    template_name = "followups/work/feed_upload.html"

    def dispatch(self, request, *args, **kwargs):
        limit = settings.FEEDS_MAX_UPLOAD_BYTES
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request, limit))
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if getattr(request, "upload_too_large", False):
            form.is_valid()
            form.errors.pop("file", None)
            form.add_error("file", services.too_large_message())
            return self.form_invalid(form)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            feed = services.feed_preview(
                kind=form.cleaned_data["kind"],
                file_name=upload.name,
                content=upload.read(),
                user=self.request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        return redirect(feed)


class FeedDetailView(FeedPermissionMixin, DetailView):
    model = FeedImport
    template_name = "followups/work/feed_detail.html"

    def get_queryset(self):
        return FeedImport.objects.defer("content")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        summary = self.object.summary
        ctx["summary"] = summary
        ctx["error_count"] = summary.get("error_count", len(summary.get("errors", [])))
        ctx["signal_count"] = summary.get("signal_count", len(summary.get("signals", [])))
        ctx["can_import"] = (
            self.object.status == FeedImportStatus.PREVIEWED and not ctx["error_count"]
        )
        if self.object.is_running:
            ctx["progress"] = services.feed_progress(self.object)
        return ctx


class FeedProgressView(FeedPermissionMixin, View):
    """The progress of a background check or import, polled by the file's page."""

    def get(self, request, pk):
        feed = get_object_or_404(FeedImport.objects.defer("content"), pk=pk)
        response = render(
            request,
            "followups/work/_feed_progress.html",
            {"object": feed, "progress": services.feed_progress(feed)},
        )
        if not feed.is_running and request.headers.get("HX-Request"):
            response["HX-Refresh"] = "true"  # the summary and the buttons appear
        return response


class FeedImportView(FeedPermissionMixin, View):
    def get(self, request, pk):
        # The button posts here; an address typed or reloaded lands on the file's page.
        return redirect("followups:feed_detail", pk=pk)

    def post(self, request, pk):
        feed = get_object_or_404(FeedImport.objects.defer("content"), pk=pk)
        try:
            feed = services.feed_import(feed=feed, user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            if feed.status == FeedImportStatus.IMPORTING:
                messages.info(
                    request, _("The import has started. This page shows how far it has come.")
                )
            else:
                messages.success(
                    request,
                    _("Imported: %(create)s new, %(change)s changed, %(unchanged)s unchanged.")
                    % feed.summary,
                )
        return redirect(feed)
