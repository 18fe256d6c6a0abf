from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("events/<str:slug>/register/", views.RegisterView.as_view(), name="register"),
    path("registrations/confirm/<str:signed>/", views.confirm, name="confirm"),
    path("registrations/<str:token>/cancel/", views.CancelView.as_view(), name="cancel"),
    path("join/<str:token>/", views.join, name="join"),
]
