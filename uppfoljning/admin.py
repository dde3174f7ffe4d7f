"""The admin's user pages, with the recovery of a user's two-step verification."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .core.admin import SuperuserReadOnlyAdmin
from .core.dispatch import PendingDispatch
from .two_factor.policy import reset_devices

User = get_user_model()


@admin.action(description=gettext_lazy("Reset two-step verification"))
def reset_two_factor(modeladmin, request, queryset):
    """A user who lost the phone and the backup codes: delete the devices, so the user sets
    up the second factor again at the next login. Written to the user's admin history."""
    users = list(queryset.order_by("username"))
    for user in users:
        deleted = reset_devices(user)
        modeladmin.log_change(
            request,
            user,
            ngettext(
                "Two-step verification reset (%(count)d device deleted).",
                "Two-step verification reset (%(count)d devices deleted).",
                deleted,
            )
            % {"count": deleted},
        )
    modeladmin.message_user(
        request,
        _(
            "Two-step verification was reset for: %(names)s. They set it up again at their "
            "next login."
        )
        % {"names": ", ".join(u.get_username() for u in users)},
        messages.SUCCESS,
    )


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UppfoljningUserAdmin(UserAdmin):
    actions = [reset_two_factor]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("reset_two_factor", None)  # recovery is for superusers only
        return actions


@admin.register(PendingDispatch)
class PendingDispatchAdmin(SuperuserReadOnlyAdmin):
    """Tasks sent while the broker was down, until the dispatcher sends them: superusers
    read them; nobody adds or changes one."""

    list_display = ["created_at", "task", "key", "attempts", "error"]
    fields = ["created_at", "task", "key", "args", "kwargs", "attempts", "error"]
