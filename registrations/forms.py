from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from timezones.zones import is_zone_name, zone_groups

from .models import validate_one_line as one_line


class RegistrationForm(forms.Form):
    """What a visitor gives to register: name, email, organisation, country (ISO 3166-1
    code), time zone (IANA name, pre-filled from the visitor's zone) and consent."""

    name = forms.CharField(label=_("Full name"), max_length=200, validators=[one_line])
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False, validators=[one_line]
    )
    country = forms.ChoiceField(label=_("Country"))
    timezone = forms.ChoiceField(
        label=_("Your time zone"),
        widget=forms.Select(attrs={"data-tz-detect": ""}),
        help_text=_("Emails give the webinar's time in this zone too."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organisers keep my name, email, organisation and country to send "
            "me the join link, reminders and changes to this webinar, and delete them after it."
        ),
        error_messages={"required": _("We need your agreement to register you.")},
    )

    def __init__(self, *args, event, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose your country")), *countries]
        groups = [(str(region), choices) for region, choices in zone_groups(event.start)]
        self.fields["timezone"].choices = [("", _("Choose your time zone")), *groups]
        self.fields["consent"].help_text = _(
            "Your details are deleted %(days)s days after the webinar; you can cancel and "
            "delete them yourself at any time from the link in every email."
        ) % {"days": settings.REGISTRATION_RETENTION_DAYS}

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_timezone(self):
        value = self.cleaned_data["timezone"]
        if not is_zone_name(value):
            raise forms.ValidationError(_("Choose a time zone from the list."))
        return value
