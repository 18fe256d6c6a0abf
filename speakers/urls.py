from django.urls import path

from . import views

app_name = "speakers"

urlpatterns = [
    path("", views.SpeakerListView.as_view(), name="list"),
    path("<str:slug>/", views.SpeakerDetailView.as_view(), name="detail"),
]
