"""Data feeds: upload, dry run, import."""

from django.urls import path

from . import views

# Mounted by followups/urls.py without a namespace of its own: the names stay followups:*.
urlpatterns = [
    path("feeds/", views.FeedListView.as_view(), name="feed_list"),
    path("feeds/new/", views.FeedUploadView.as_view(), name="feed_upload"),
    path("feeds/<int:pk>/", views.FeedDetailView.as_view(), name="feed_detail"),
    path("feeds/<int:pk>/import/", views.FeedImportView.as_view(), name="feed_import"),
    path("feeds/<int:pk>/progress/", views.FeedProgressView.as_view(), name="feed_progress"),
]
