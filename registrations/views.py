"""The registrant's pages: the form, the confirmation link, the personal join link and the
page to cancel. None of them is ever cached by the site or a shared cache (never_cache sends
`Cache-Control: private, no-store, ...`): they carry CSRF tokens or personal data."""

import hashlib

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.gzip import gzip_page

from common.security import client_ip
from events.models import Event
from timezones.zones import visitor_zone

from . import emails
from .forms import RegistrationForm
from .models import Email, Registration

RATE_WINDOW = 3600  # seconds


def rate_limited(request, email):
    """True once this client address has made REGISTRATION_RATE_PER_ADDRESS sign-ups, or
    this email address REGISTRATION_RATE_PER_EMAIL, within the last hour (counters in the
    shared cache); counts this attempt otherwise."""
    limits = [
        ("address", client_ip(request), settings.REGISTRATION_RATE_PER_ADDRESS),
        ("email", email.lower(), settings.REGISTRATION_RATE_PER_EMAIL),
    ]
    keys = []
    for kind, value, limit in limits:
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        key = f"registrations:rate:{kind}:{digest}"
        cache.add(key, 0, RATE_WINDOW)
        if (cache.get(key) or 0) >= limit:
            return True
        keys.append(key)
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.add(key, 1, RATE_WINDOW)
    return False


def closed_reason(event):
    """Why the event takes no registrations now (str), or "" when it does."""
    if not event.takes_registrations:
        return _("This webinar does not take registrations on this site.")
    if event.is_cancelled:
        return _("This webinar has been cancelled.")
    if event.timing == "past":
        return _("This webinar has ended.")
    return ""


@method_decorator([never_cache, gzip_page], name="dispatch")
class RegisterView(View):
    """GET: the registration form of a published event. POST: register (or, for an address
    already registered, send its links again), then ask to confirm by email. 429 with the
    form kept when rate-limited; the form with its errors for bad input.

    Compressed (the list of time zones makes ~50 KB of HTML, ~8 KB gzipped) by Django's gzip,
    which pads its output against BREACH; the CSRF token is masked anew on every response."""

    template_name = "registrations/register.html"

    def dispatch(self, request, slug):
        self.event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
        return super().dispatch(request, slug)

    def render(self, form, status=200, **context):
        context.update(event=self.event, form=form, closed=closed_reason(self.event))
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, slug):
        zone = visitor_zone(request)
        form = RegistrationForm(event=self.event, initial={"timezone": zone.key if zone else ""})
        return self.render(form)

    def post(self, request, slug):
        form = RegistrationForm(request.POST, event=self.event)
        if closed_reason(self.event):
            return self.render(form, status=409)
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        if rate_limited(request, data["email"]):
            return self.render(
                form,
                status=429,
                limited=_(
                    "Too many registrations from this address or for this email in the last "
                    "hour. Your details are still in the form: please try again later."
                ),
            )
        with transaction.atomic():
            existing = (
                Registration.objects.select_for_update()
                .filter(event=self.event, email__iexact=data["email"])
                .first()
            )
            if existing is None or existing.status == Registration.Status.PENDING:
                registration = existing or Registration(event=self.event)
                for field in ("name", "email", "organisation", "country", "timezone"):
                    setattr(registration, field, data[field])
                registration.language = translation.get_language()
                registration.save()
                emails.queue(registration, Email.Kind.CONFIRM)
            elif existing.status == Registration.Status.CONFIRMED:
                emails.queue(existing, Email.Kind.REGISTERED)
            else:
                emails.queue(existing, Email.Kind.WAITING)
        # The same answer whether or not the address was registered already: the page
        # never tells a stranger who has registered.
        return render(
            request,
            "registrations/check_email.html",
            {"event": self.event, "email": data["email"]},
        )


def _problem(request, status, title, text, event=None):
    return render(
        request,
        "registrations/problem.html",
        {"title": title, "text": text, "event": event},
        status=status,
    )


@never_cache
def confirm(request, signed):
    """The link in the confirmation email: confirms the registration (a place or the wait
    list). A link used again says it is already done; an expired or altered one says so."""
    try:
        token = emails.unsign_confirmation(signed)
    except signing.SignatureExpired:
        return _problem(
            request, 410, _("This link has expired"),
            _("Confirmation links work for %(days)s days. Register again to get a new one.")
            % {"days": settings.REGISTRATION_CONFIRM_DAYS},
        )  # fmt: skip
    except signing.BadSignature:
        return _problem(
            request, 400, _("This link is not valid"),
            _("Check that the whole link from the email is in the address bar."),
        )  # fmt: skip
    registration = Registration.objects.select_related("event").filter(token=token).first()
    if registration is None:
        return _problem(
            request, 404, _("No such registration"),
            _("This registration was cancelled or has been deleted. You can register again."),
        )  # fmt: skip
    already = registration.status != Registration.Status.PENDING
    if not already:
        registration.confirm()
    return render(
        request,
        "registrations/confirmed.html",
        {"registration": registration, "event": registration.event, "already": already},
    )


@never_cache
def join(request, token):
    """The personal join link: counts the follow and redirects to the meeting (302). Only a
    confirmed registration of an event that is not over or cancelled gets there."""
    registration = Registration.objects.select_related("event").filter(token=token).first()
    if registration is None:
        return _problem(
            request, 404, _("No such registration"),
            _("This join link belongs to a registration that was cancelled or deleted."),
        )  # fmt: skip
    event = registration.event
    if registration.status != Registration.Status.CONFIRMED:
        return _problem(
            request, 403, _("Not confirmed yet"),
            _("Confirm your registration from the first email we sent; if you are on the "
              "wait list, we will email you when a place is yours."),
            event,
        )  # fmt: skip
    if event.is_cancelled:
        return _problem(request, 410, _("Cancelled"), _("This webinar has been cancelled."), event)
    if not event.join_url:
        return _problem(
            request, 200, _("Not open yet"),
            _("The meeting link is not ready yet. Use this same link again closer to the time."),
            event,
        )  # fmt: skip
    Registration.objects.filter(pk=registration.pk).update(join_count=F("join_count") + 1)
    return redirect(event.join_url)


@method_decorator(never_cache, name="dispatch")
class CancelView(View):
    """GET: the registrant's own registration with a button to cancel it. POST: cancel and
    erase it (the first on the wait list moves up)."""

    def get(self, request, token):
        registration = self.get_registration(token)
        if registration is None:
            return self.gone(request)
        return render(
            request,
            "registrations/cancel.html",
            {"registration": registration, "event": registration.event},
        )

    def post(self, request, token):
        registration = self.get_registration(token)
        if registration is None:
            return self.gone(request)
        event = registration.event
        registration.cancel()
        return render(request, "registrations/cancelled.html", {"event": event})

    def get_registration(self, token):
        return Registration.objects.select_related("event").filter(token=token).first()

    def gone(self, request):
        return _problem(
            request, 404, _("No such registration"),
            _("This registration has already been cancelled and its details deleted."),
        )  # fmt: skip
