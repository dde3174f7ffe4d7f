"""Pages for data feeds: upload, see the dry run, confirm the import."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView

from ..models import FeedImport, FeedImportStatus, FeedKind
from . import services


class FeedUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of file"), choices=FeedKind.choices)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (comma or semicolon, UTF-8 or Windows-1252) or XLSX, with a header row."
        ),
    )


class FeedPermissionMixin(PermissionRequiredMixin):
    permission_required = "followups.add_feedimport"
    raise_exception = True


class FeedListView(FeedPermissionMixin, ListView):
    model = FeedImport
    template_name = "followups/work/feed_list.html"
    paginate_by = 25

    def get_queryset(self):
        return FeedImport.objects.select_related("uploaded_by").defer("content")


class FeedUploadView(FeedPermissionMixin, FormView):
    form_class = FeedUploadForm
    template_name = "followups/work/feed_upload.html"

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
        ctx["can_import"] = self.object.status == FeedImportStatus.PREVIEWED and not summary.get(
            "errors"
        )
        return ctx


class FeedImportView(FeedPermissionMixin, DetailView):
    model = FeedImport

    def post(self, request, pk):
        feed = get_object_or_404(FeedImport, pk=pk)
        try:
            feed = services.feed_import(feed=feed, user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            summary = feed.summary
            messages.success(
                request,
                _("Imported: %(create)s new, %(change)s changed, %(unchanged)s unchanged.")
                % summary,
            )
        return redirect(feed)
