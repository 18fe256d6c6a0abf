from django.utils.cache import patch_vary_headers


class TimezoneVaryMiddleware:
    """Mark HTML responses `Vary: Cookie`: every page shows the time zone chosen in the
    visitor's cookie (timezones.zones.COOKIE_NAME), so caches must keep one copy per cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])
        return response
