from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from uppfoljning.core.admin import ReadOnlyAdmin
from uppfoljning.core.forms import NoPersonalDataModelForm

from .models import (
    Board,
    Contract,
    Exclusion,
    FrameworkAgreement,
    PlacementCheck,
    Purchase,
    Representative,
    Supplier,
    Unit,
)


class RegisterAdmin(SimpleHistoryAdmin):
    # Staff type free text here too (notes, descriptions): the same refusal as the pages.
    form = NoPersonalDataModelForm


@admin.register(Board)
class BoardAdmin(RegisterAdmin):
    list_display = ["name", "municipality"]


@admin.register(FrameworkAgreement)
class AgreementAdmin(RegisterAdmin):
    list_display = ["name", "reference", "start_date", "end_date", "option_end_date"]
    search_fields = ["name", "reference"]


@admin.register(Supplier)
class SupplierAdmin(RegisterAdmin):
    list_display = ["name", "org_number", "city"]
    search_fields = ["name", "org_number"]


@admin.register(Unit)
class UnitAdmin(RegisterAdmin):
    list_display = ["name", "supplier", "ivo_permit_status"]
    search_fields = ["name", "supplier__name"]
    list_select_related = ["supplier"]


@admin.register(Representative)
class RepresentativeAdmin(RegisterAdmin):
    list_display = ["name", "role", "supplier"]
    list_select_related = ["supplier"]


@admin.register(Contract)
class ContractAdmin(RegisterAdmin):
    list_display = ["supplier", "agreement", "rank", "status"]
    list_filter = ["agreement", "status"]
    list_select_related = ["supplier", "agreement"]


@admin.register(Exclusion)
class ExclusionAdmin(RegisterAdmin):
    list_display = ["supplier", "reason", "start_date", "lifted_on"]
    list_select_related = ["supplier"]


@admin.register(Purchase)
class PurchaseAdmin(RegisterAdmin):
    list_display = ["supplier", "agreement", "month", "amount", "placements"]
    list_select_related = ["supplier", "agreement"]


@admin.register(PlacementCheck)
class PlacementCheckAdmin(ReadOnlyAdmin):
    """Read only: a logged call-off check is evidence, never changed or deleted."""

    list_display = ["performed_at", "performed_by", "supplier", "unit", "agreement", "level"]
    list_filter = ["level", "agreement"]
    list_select_related = ["performed_by", "supplier", "unit", "agreement"]
