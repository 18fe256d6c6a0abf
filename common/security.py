"""Hooks for django-axes (brute-force protection of the sign-in)."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_ip(request):
    """The client's IP address (str) as seen by the outermost of our own proxies.

    With PROXY_COUNT = 0 (no proxy) it is REMOTE_ADDR. With N proxies that each append the
    address they saw to X-Forwarded-For, it is the N-th entry from the right: entries further
    left were written by the client and cannot be trusted. Falls back to REMOTE_ADDR when the
    header has fewer entries than that.
    """
    count = settings.PROXY_COUNT
    if count > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the admin's sign-in once a username or address is locked out.

    Status 429 (Too Many Requests). Says why, for how long (AXES_COOLOFF_TIME, a timedelta)
    and how an administrator can lift the lock, in the admin's own look.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        **admin.site.each_context(request),
        "title": "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    # Rendered now: this response is returned by middleware, where nothing renders later.
    return render(request, "admin/locked_out.html", context, status=429)
