from django.urls import path

from .views import contracts, decisions, register

app_name = "suppliers"

urlpatterns = [
    path("boards/", register.BoardListView.as_view(), name="board_list"),
    path("boards/new/", register.BoardCreateView.as_view(), name="board_add"),
    path("boards/<int:pk>/", register.BoardDetailView.as_view(), name="board_detail"),
    path("boards/<int:pk>/edit/", register.BoardUpdateView.as_view(), name="board_edit"),
    path("agreements/", register.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/new/", register.AgreementCreateView.as_view(), name="agreement_add"),
    path("agreements/<int:pk>/", register.AgreementDetailView.as_view(), name="agreement_detail"),
    path(
        "agreements/<int:pk>/edit/", register.AgreementUpdateView.as_view(), name="agreement_edit"
    ),
    path("suppliers/", register.SupplierListView.as_view(), name="supplier_list"),
    path("suppliers/new/", register.SupplierCreateView.as_view(), name="supplier_add"),
    path("suppliers/<int:pk>/", register.SupplierDetailView.as_view(), name="supplier_detail"),
    path("suppliers/<int:pk>/edit/", register.SupplierUpdateView.as_view(), name="supplier_edit"),
    path("units/", register.UnitListView.as_view(), name="unit_list"),
    path("units/new/", register.UnitCreateView.as_view(), name="unit_add"),
    path("units/<int:pk>/", register.UnitDetailView.as_view(), name="unit_detail"),
    path("units/<int:pk>/edit/", register.UnitUpdateView.as_view(), name="unit_edit"),
    path("representatives/", register.RepresentativeListView.as_view(), name="representative_list"),
    path(
        "representatives/new/",
        register.RepresentativeCreateView.as_view(),
        name="representative_add",
    ),
    path(
        "representatives/<int:pk>/",
        register.RepresentativeDetailView.as_view(),
        name="representative_detail",
    ),
    path(
        "representatives/<int:pk>/edit/",
        register.RepresentativeUpdateView.as_view(),
        name="representative_edit",
    ),
    path("contracts/", contracts.ContractListView.as_view(), name="contract_list"),
    path("contracts/new/", contracts.ContractCreateView.as_view(), name="contract_add"),
    path("contracts/<int:pk>/", contracts.ContractDetailView.as_view(), name="contract_detail"),
    path("contracts/<int:pk>/edit/", contracts.ContractUpdateView.as_view(), name="contract_edit"),
    path("purchases/", contracts.PurchaseListView.as_view(), name="purchase_list"),
    path("purchases/new/", contracts.PurchaseCreateView.as_view(), name="purchase_add"),
    path("purchases/<int:pk>/", contracts.PurchaseDetailView.as_view(), name="purchase_detail"),
    path("purchases/<int:pk>/edit/", contracts.PurchaseUpdateView.as_view(), name="purchase_edit"),
    path("contracts/<int:pk>/end/", decisions.ContractEndView.as_view(), name="contract_end"),
    path("exclusions/", decisions.ExclusionListView.as_view(), name="exclusion_list"),
    path("exclusions/new/", decisions.ExclusionCreateView.as_view(), name="exclusion_add"),
    path("exclusions/<int:pk>/", decisions.ExclusionDetailView.as_view(), name="exclusion_detail"),
    path("exclusions/<int:pk>/lift/", decisions.ExclusionLiftView.as_view(), name="exclusion_lift"),
]
