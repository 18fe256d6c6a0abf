from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from events.views import HomeView
from webinar_site.media import serve_media

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("events.urls")),
    path("speakers/", include("speakers.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media, name="media"),
    ]
