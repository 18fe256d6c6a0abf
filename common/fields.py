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


class LanguagesField(models.CharField):
    """A set of the site's languages (settings.LANGUAGES codes), as a list in Python.

    Stored as text with the codes between commas, ",en,fr,", so that one language is found
    with `field__contains=",fr,"` on every database (LanguagesField.lookup("fr")). The admin
    shows one checkbox per language. Raises ValidationError for a code not in LANGUAGES.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 60:
            del kwargs["max_length"]
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    @staticmethod
    def lookup(code):
        """The stored text that contains `code` (str): the value for __contains."""
        return f",{code},"

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return list(value)
        return [code for code in (value or "").split(",") if code]

    def get_prep_value(self, value):
        codes = self.to_python(value)
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        from django.conf import settings
        from django.core.exceptions import ValidationError

        known = dict(settings.LANGUAGES)
        for code in self.to_python(value):
            if code not in known:
                raise ValidationError(
                    _("“%(code)s” is not one of the site's languages."), params={"code": code}
                )
        if not self.blank and not self.to_python(value):
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        from django.conf import settings

        if self.has_default() and "initial" not in kwargs:
            kwargs["initial"] = self.default  # a new webinar's boxes start ticked as the default
        return forms.TypedMultipleChoiceField(
            choices=settings.LANGUAGES,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
            **{k: v for k, v in kwargs.items() if k in ("initial",)},
        )
