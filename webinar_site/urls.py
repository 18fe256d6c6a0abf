from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from events.views import HomeView
from ops.views import healthz

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("events.urls")),
    path("speakers/", include("speakers.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
