from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="list"),
    path("events/<str:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("events/<str:slug>/recording/", views.recording_redirect, name="recording"),
    path("topics/<str:slug>/", views.TopicDetailView.as_view(), name="topic"),
]
