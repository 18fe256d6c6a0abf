from django.urls import path

from . import views

app_name = "timezones"

urlpatterns = [
    path("", views.ChooseTimezoneView.as_view(), name="choose"),
]
