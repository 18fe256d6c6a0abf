from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimezonesConfig(AppConfig):
    name = "timezones"
    verbose_name = _("time zones")
