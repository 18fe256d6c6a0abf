from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .zones import COOKIE_MAX_AGE, COOKIE_NAME, get_zone, visitor_zone, zone_groups


class ChooseTimezoneView(TemplateView):
    """Remember the visitor's time zone in a cookie, then go back to `next`.

    GET ?tz=<IANA name>&next=<path>: sets the cookie and redirects (302) to `next` (only a
    path on this site; else the home page). tz="" forgets the choice. An unknown tz shows
    this page again with an error (status 400) and sets nothing. Without tz: the page
    with every zone, for zones missing from the short list on every page.

    A GET form (no CSRF token) keeps every page that carries it cacheable; the worst a
    forged link can do is change how times are displayed, and the zone is always named.
    """

    template_name = "timezones/choose.html"

    def get(self, request, *args, **kwargs):
        if "tz" not in request.GET:
            return super().get(request, *args, **kwargs)
        name = request.GET["tz"].strip()
        if name and get_zone(name) is None:
            error = _("“%(name)s” is not a time zone we know. Choose one from the list.") % {
                "name": name
            }
            context = self.get_context_data(error=error, **kwargs)
            return self.render_to_response(context, status=400)
        # Never redirect(): it would read a value that is not a URL as a view name.
        response = HttpResponseRedirect(self.next_url())
        if name:
            response.set_cookie(
                COOKIE_NAME,
                name,
                max_age=COOKIE_MAX_AGE,
                samesite="Lax",
                secure=request.is_secure(),
                httponly=True,
            )
        else:
            response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return response

    def next_url(self):
        """The `next` parameter if it is a path on this site ("/events/?topic=x"), else "/".

        Anything else (another site, "//host", "javascript:…", a relative "foo", a
        broken encoding) gives the home page, never an error.
        """
        target = self.request.GET.get("next", "")
        if (
            target.startswith("/")
            and not target.startswith(("//", "/\\"))
            and url_has_allowed_host_and_scheme(
                target,
                allowed_hosts={self.request.get_host()},
                require_https=self.request.is_secure(),
            )
        ):
            return target
        return "/"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            zone_groups=zone_groups(timezone.now()),
            selected=getattr(visitor_zone(self.request), "key", ""),
            next=self.next_url(),
            **kwargs,
        )
