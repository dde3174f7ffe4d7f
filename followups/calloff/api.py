"""JSON API for the municipality's case-management system: the same call-off status as the
status page, from the same selector."""

from django.contrib.auth.decorators import login_not_required
from django.utils import translation
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .forms import CallOffQueryForm


class CanSeeCallOffStatus(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.has_perm("suppliers.view_call_off_status")


class CallOffStatusAPI(APIView):
    """GET ?org_number=556677-8899[&agreement=id-or-reference][&unit=id][&date=YYYY-MM-DD]

    200: {"date", "supplier", "results": [status per agreement]}; 400 with a Swedish
    "error" for bad input; 401 without credentials; 403 without the permission.
    """

    permission_classes = [permissions.IsAuthenticated, CanSeeCallOffStatus]

    def get(self, request):
        # The case-management system gets Swedish messages whatever its Accept-Language.
        with translation.override("sv"):
            form = CallOffQueryForm(request.query_params)
            if not form.is_valid():
                errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
                first = next(iter(errors.values()))[0]
                return Response({"error": first, "errors": errors}, status=400)
            data = form.cleaned_data
            supplier = data["org_number"]
            statuses = selectors.call_off_status(
                supplier=supplier,
                unit=data["unit"],
                agreement=data["agreement"],
                on=data["date"],
            )
            on = statuses[0].on if statuses else (data["date"] or selectors.today())
            return Response(
                {
                    "date": on.isoformat(),
                    "supplier": {
                        "id": supplier.pk,
                        "name": supplier.name,
                        "org_number": supplier.org_number,
                    },
                    "results": [s.as_dict() for s in statuses],
                }
            )


# DRF answers anonymous callers with 401 itself; the site's login redirect must not.
call_off_status_api = login_not_required(CallOffStatusAPI.as_view())
