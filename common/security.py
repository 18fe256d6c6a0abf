"""Hooks for django-axes (brute-force protection of the sign-in)."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib import admin
from django.db.models import Sum
from django.shortcuts import render


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler with one failure limit per lockout parameter set.

    axes compares the largest count among AXES_LOCKOUT_PARAMETERS with one limit. Here each
    set has its own: AXES_FAILURE_LIMIT for [username, ip_address] (one account from one
    address) and LOCKOUT_ADDRESS_FAILURE_LIMIT for ip_address (any accounts from one address).
    get_failures() scales each count to AXES_FAILURE_LIMIT (count × base // its limit), so
    axes locks exactly when one count reaches its own limit.
    """

    def limits(self):
        return [settings.AXES_FAILURE_LIMIT, settings.LOCKOUT_ADDRESS_FAILURE_LIMIT]

    def get_failures(self, request, credentials=None):
        base = settings.AXES_FAILURE_LIMIT
        attempts_list = self.get_user_attempts(request, credentials)
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in attempts_list
        ]
        return max(
            (count * base // limit for count, limit in zip(counts, self.limits(), strict=True)),
            default=0,
        )


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
    """The page shown instead of the admin's sign-in once a username from an address, or an
    address, is locked out.

    Status 429 (Too Many Requests). Says why, for how long (AXES_COOLOFF_TIME, a timedelta)
    and how an administrator can lift the lock, in the admin's own look.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        **admin.site.each_context(request),
        "title": "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "address_failure_limit": settings.LOCKOUT_ADDRESS_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    # Rendered now: this response is returned by middleware, where nothing renders later.
    return render(request, "admin/locked_out.html", context, status=429)
