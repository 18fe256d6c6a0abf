#!/usr/bin/env python3
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webinar_site.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 -- read the settings now, to report errors plainly
    except ImproperlyConfigured as error:
        sys.exit(f"Cannot start: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
