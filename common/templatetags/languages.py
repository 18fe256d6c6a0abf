"""Marking what staff wrote with the language it is in: `{% load languages %}`.

`<h1{{ event|lang_attrs:"title" }}>{{ event.title }}</h1>` adds ` lang="en" dir="ltr"` when
the page's language has no translation and the English original shows instead, so that
screen readers and browsers read it as English (and left to right inside an Arabic page).
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from common.languages import language_name, translated_field_language

register = template.Library()


def _column(field, code):
    return f"{field}_{code.replace('-', '_')}"


def shown_language(obj, field):
    """The language code (str) in which obj.<field> shows on this page: the active
    language if its column has text, else the first fallback with text (English)."""
    active = get_language() or settings.LANGUAGE_CODE
    for code in (active, settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        if getattr(obj, _column(field, code), None):
            return code
    return active


@register.filter
def lang_attrs(obj, field):
    """' lang="en" dir="ltr"' (safe HTML) when obj.<field> shows in another language than
    the page's, else ""."""
    code = shown_language(obj, field)
    if code == (get_language() or settings.LANGUAGE_CODE):
        return ""
    direction = "rtl" if get_language_info(code)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', code, direction)


@register.filter
def lang_attr(obj, field):
    """' lang="en"' alone, for text whose direction the browser finds (dir="auto")."""
    code = shown_language(obj, field)
    if code == (get_language() or settings.LANGUAGE_CODE):
        return ""
    return format_html(' lang="{}"', code)


@register.filter
def available_in(obj, fields="title"):
    """The languages obj's text is written in, in LANGUAGES' order: a list of dicts with
    `code` and `name` (the language's own name, "Español"). `fields` ("description,summary"):
    the first of these fields that has text in some language decides (the full text, when
    there is one, rather than a title translated alone)."""
    for field in fields.split(","):
        found = [
            {"code": code, "name": language_name(code)}
            for code, _name in settings.LANGUAGES
            if getattr(obj, _column(field, code), None)
        ]
        if found:
            return found
    return []


@register.filter
def language_names(codes):
    """[{"code", "name"}] for a list of language codes (an event's spoken languages)."""
    return [{"code": c, "name": language_name(c)} for c in codes or ()]


__all__ = ["available_in", "lang_attrs", "language_names", "translated_field_language"]
