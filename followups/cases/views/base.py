"""What the follow-up pages share: the action form and today's date."""

from django.urls import reverse
from django.utils import timezone

from uppfoljning.core import views as core_views

# --- Shared --------------------------------------------------------------------------------


class ServiceFormView(core_views.ServiceFormView):
    """The follow-up pages' action form; with no object, cancel returns to the list."""

    template_name = "followups/action_form.html"

    def get_cancel_url(self):
        obj = getattr(self, "object", None)
        return obj.get_absolute_url() if obj is not None else reverse("followups:followup_list")


def today():
    return timezone.localdate()
