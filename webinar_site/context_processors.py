from django.conf import settings


def site(request):
    """Expose the site's name to every template as `site_name` (str)."""
    return {"site_name": settings.SITE_NAME}
