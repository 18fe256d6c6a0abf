import csv

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.admin import EventAdmin
from events.models import Event

from . import emails
from .models import CountryCount, Email, Registration

CSV_FIELDS = ["event", "name", "email", "organisation", "country", "timezone", "language",
              "status", "created", "confirmed_at", "join_count"]  # fmt: skip


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organisation", "country", "event", "status", "created",
                    "join_count"]  # fmt: skip
    list_filter = ["event", "status", "country"]
    search_fields = ["name", "email", "organisation"]
    date_hierarchy = "created"
    list_select_related = ["event"]
    readonly_fields = ["consented_at", "confirmed_at", "join_count", "created", "language"]
    fields = ["event", "name", "email", "organisation", "country", "timezone", "language",
              "status", "consented_at", "confirmed_at", "join_count", "created"]  # fmt: skip
    actions = ["export_csv"]

    @admin.action(description=_("Export the selected registrations as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="registrations-{stamp}.csv"'
        response["Cache-Control"] = "private, no-store"
        writer = csv.writer(response)
        writer.writerow(CSV_FIELDS)
        for registration in queryset.select_related("event"):
            row = []
            for name in CSV_FIELDS:
                value = getattr(registration, name)
                value = "" if value is None else str(value)
                # A cell that a spreadsheet would run as a formula is written as text.
                row.append("'" + value if value[:1] in ("=", "+", "-", "@") else value)
            writer.writerow(row)
        return response


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ["kind", "registration", "status", "send_after", "attempts", "sent_at"]
    list_filter = ["status", "kind", "registration__event"]
    search_fields = ["registration__email", "registration__name"]
    list_select_related = ["registration__event"]
    readonly_fields = [f.name for f in Email._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected emails again"), permissions=["change"])
    def send_again(self, request, queryset):
        now = timezone.now()
        chosen = list(queryset.exclude(status=Email.Status.SENDING))
        with transaction.atomic():
            for email in chosen:
                email.status, email.attempts, email.send_after = Email.Status.QUEUED, 0, now
                email.save(update_fields=["status", "attempts", "send_after"])
                emails.enqueue_on_commit(email)
        self.message_user(
            request,
            ngettext("%d email queued.", "%d emails queued.", len(chosen)) % len(chosen),
            messages.SUCCESS,
        )


@admin.register(CountryCount)
class CountryCountAdmin(admin.ModelAdmin):
    list_display = ["event", "country", "registrations"]
    list_filter = ["event", "country"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 12}))
    waiting_too = forms.BooleanField(
        label=_("Also send to people on the wait list"), required=False
    )

    def clean_subject(self):
        return " ".join(self.cleaned_data["subject"].split())


admin.site.unregister(Event)


@admin.register(Event)
class EventWithRegistrationsAdmin(EventAdmin):
    """The webinar's admin, with its registration settings, the number of registrations
    and a form to email every registrant."""

    registration_fieldset = (
        _("Registration on this site"),
        {"fields": ["takes_registrations", "capacity", "registration_counts"]},
    )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "registration_counts"]

    def get_fieldsets(self, request, obj=None):
        return [*super().get_fieldsets(request, obj), self.registration_fieldset]

    def get_urls(self):
        extra = [
            path(
                "<int:event_id>/message/",
                self.admin_site.admin_view(self.message_view),
                name="events_event_message",
            )
        ]
        return extra + super().get_urls()

    @admin.display(description=_("registrations"))
    def registration_counts(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        counts = obj.registrations.aggregate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
            pending=Count("pk", filter=Q(status=Registration.Status.PENDING)),
        )
        listing = reverse("admin:registrations_registration_changelist")
        listing += f"?event__id__exact={obj.pk}"
        message = reverse("admin:events_event_message", args=[obj.pk])
        return format_html(
            '<span class="registration-counts">{}</span> · <a href="{}">{}</a> · '
            '<a href="{}">{}</a>',
            _("%(confirmed)s confirmed, %(waiting)s on the wait list, %(pending)s awaiting "
              "confirmation") % counts,
            listing, _("See the registrations"),
            message, _("Email the registrants"),
        )  # fmt: skip

    def message_view(self, request, event_id):
        """A form that queues one email to each confirmed registrant (and, if ticked, each
        on the wait list)."""
        event = get_object_or_404(Event, pk=event_id)
        if not self.has_change_permission(request, event):
            return redirect("admin:index")
        form = MessageForm(request.POST or None)
        recipients = event.registrations.filter(status=Registration.Status.CONFIRMED)
        if request.method == "POST" and form.is_valid():
            statuses = [Registration.Status.CONFIRMED]
            if form.cleaned_data["waiting_too"]:
                statuses.append(Registration.Status.WAITING)
            with transaction.atomic():
                chosen = list(event.registrations.filter(status__in=statuses))
                for registration in chosen:
                    emails.queue(
                        registration,
                        Email.Kind.MESSAGE,
                        subject=form.cleaned_data["subject"],
                        body=form.cleaned_data["body"],
                    )
            self.message_user(
                request,
                ngettext("%d email queued.", "%d emails queued.", len(chosen)) % len(chosen),
                messages.SUCCESS,
            )
            return redirect("admin:events_event_change", event.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Email the registrants of %(title)s") % {"title": event.title},
            "event": event,
            "form": form,
            "recipient_count": recipients.count(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/registrations/message.html", context)
