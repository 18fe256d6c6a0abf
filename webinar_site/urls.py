from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from common.media import serve_media
from events.models import Event, Topic
from events.sitemaps import EventSitemap, PageSitemap, SeriesSitemap, TopicSitemap, index
from events.views import HomeView
from httpcache.front import tagged
from ops.views import healthz
from speakers.models import Speaker
from speakers.sitemaps import SpeakerSitemap

sitemaps = {
    "pages": PageSitemap,
    "events": EventSitemap,
    "speakers": SpeakerSitemap,
    "topics": TopicSitemap,
    "series": SeriesSitemap,
}

# The public pages, feeds and calendars in each language: English unprefixed (every address
# published before the site had languages still works), the others under /fr/ and so on.
urlpatterns = i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("events.urls")),
    path("", include("registrations.urls")),
    path("speakers/", include("speakers.urls")),
    path("time-zone/", include("timezones.urls")),
    prefix_default_language=False,
)

# Not per language: the sitemap lists every language's addresses; the admin speaks the
# staff member's language whatever the address.
urlpatterns += [
    # A sitemap index naming each section's pages (the protocol's limit is 50,000 URLs
    # a file; each section's `limit` keeps a page far below it, and quick to render).
    path(
        "sitemap.xml",
        tagged(Event, Speaker, Topic)(index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        tagged(Event, Speaker, Topic)(sitemap),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    path(settings.ADMIN_URL, admin.site.urls),  # DJANGO_ADMIN_URL, "admin/" by default
    path("healthz", healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media, name="media"),
    ]
