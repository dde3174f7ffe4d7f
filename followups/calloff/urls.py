from django.urls import path

from suppliers.models import Supplier, Unit

from . import views

app_name = "calloff"

urlpatterns = [
    path("", views.SearchView.as_view(), name="search"),
    path("suppliers/<int:pk>/", views.StatusView.as_view(model=Supplier), name="supplier_status"),
    path("units/<int:pk>/", views.StatusView.as_view(model=Unit), name="unit_status"),
    path("agreements/<int:pk>/", views.CallOffOrderView.as_view(), name="order"),
    path("log/", views.PlacementCheckListView.as_view(), name="log_list"),
    path("log/new/", views.PlacementCheckLogView.as_view(), name="log_add"),
    path("log/<int:pk>/", views.PlacementCheckDetailView.as_view(), name="log_detail"),
]
