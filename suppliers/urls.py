from django.urls import path

from .views import register as views

app_name = "suppliers"

urlpatterns = [
    path("boards/", views.BoardListView.as_view(), name="board_list"),
    path("boards/new/", views.BoardCreateView.as_view(), name="board_add"),
    path("boards/<int:pk>/", views.BoardDetailView.as_view(), name="board_detail"),
    path("boards/<int:pk>/edit/", views.BoardUpdateView.as_view(), name="board_edit"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/new/", views.AgreementCreateView.as_view(), name="agreement_add"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.AgreementUpdateView.as_view(), name="agreement_edit"),
    path("suppliers/", views.SupplierListView.as_view(), name="supplier_list"),
    path("suppliers/new/", views.SupplierCreateView.as_view(), name="supplier_add"),
    path("suppliers/<int:pk>/", views.SupplierDetailView.as_view(), name="supplier_detail"),
    path("suppliers/<int:pk>/edit/", views.SupplierUpdateView.as_view(), name="supplier_edit"),
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/new/", views.UnitCreateView.as_view(), name="unit_add"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("units/<int:pk>/edit/", views.UnitUpdateView.as_view(), name="unit_edit"),
    path("representatives/", views.RepresentativeListView.as_view(), name="representative_list"),
    path(
        "representatives/new/", views.RepresentativeCreateView.as_view(), name="representative_add"
    ),
    path(
        "representatives/<int:pk>/",
        views.RepresentativeDetailView.as_view(),
        name="representative_detail",
    ),
    path(
        "representatives/<int:pk>/edit/",
        views.RepresentativeUpdateView.as_view(),
        name="representative_edit",
    ),
    path("contracts/", views.ContractListView.as_view(), name="contract_list"),
    path("contracts/new/", views.ContractCreateView.as_view(), name="contract_add"),
    path("contracts/<int:pk>/", views.ContractDetailView.as_view(), name="contract_detail"),
    path("contracts/<int:pk>/edit/", views.ContractUpdateView.as_view(), name="contract_edit"),
    path("purchases/", views.PurchaseListView.as_view(), name="purchase_list"),
    path("purchases/new/", views.PurchaseCreateView.as_view(), name="purchase_add"),
    path("purchases/<int:pk>/", views.PurchaseDetailView.as_view(), name="purchase_detail"),
    path("purchases/<int:pk>/edit/", views.PurchaseUpdateView.as_view(), name="purchase_edit"),
    path("contracts/<int:pk>/end/", views.ContractEndView.as_view(), name="contract_end"),
    path("exclusions/", views.ExclusionListView.as_view(), name="exclusion_list"),
    path("exclusions/new/", views.ExclusionCreateView.as_view(), name="exclusion_add"),
    path("exclusions/<int:pk>/", views.ExclusionDetailView.as_view(), name="exclusion_detail"),
    path("exclusions/<int:pk>/lift/", views.ExclusionLiftView.as_view(), name="exclusion_lift"),
]
