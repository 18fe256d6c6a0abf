from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site in production: health check, resilient cache, logs, backups."""

    name = "ops"
    verbose_name = _("Operations")
