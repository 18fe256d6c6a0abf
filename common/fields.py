from django import forms
from django.core.validators import URLValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

HTTP_URL_MESSAGE = _("Enter a web address that starts with http:// or https://.")

#: Accepts only http:// and https:// links (no javascript:, data:, ftp: ...).
http_url_validator = URLValidator(schemes=["http", "https"], message=HTTP_URL_MESSAGE)


class HttpURLFormField(forms.URLField):
    """The form field of HttpURLField: one clear message for any link that is not http(s)."""

    default_validators = [http_url_validator]
    default_error_messages = {"invalid": HTTP_URL_MESSAGE}


class HttpURLField(models.URLField):
    """A URLField that stores only http and https links.

    A link typed without a scheme ("example.org") is read as https. Raises ValidationError
    for any other scheme (javascript:, data:, ftp: ...), in the form and in full_clean().
    """

    default_validators = [http_url_validator]

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": HttpURLFormField, "assume_scheme": "https", **kwargs}
        )


MARKDOWN_HELP = _(
    "Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a "
    "line for a list, “#” for a heading; a blank line starts a new paragraph."
)


def markdown_help_text(purpose=""):
    """help_text for a TextField written in Markdown: `purpose` (lazy str) then MARKDOWN_HELP."""
    return format_lazy("{} {}", purpose, MARKDOWN_HELP) if purpose else MARKDOWN_HELP
