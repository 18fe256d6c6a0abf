from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HttpCacheConfig(AppConfig):
    name = "httpcache"
    verbose_name = _("HTTP caching")

    def ready(self):
        from . import front, signals

        signals.connect()
        front.connect()
