import datetime
import functools

from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .zones import COMMON_ZONES, visitor_zone, zone_choices

QUARTER_HOUR = 15 * 60  # seconds; every UTC offset, and so every clock change, falls on one


@functools.lru_cache(maxsize=64)
def _choices(quarter, names, language):
    """zone_choices at the start of a quarter hour (Unix time `quarter`): the same labels and
    order for every request in it, since no offset changes within one."""
    at = datetime.datetime.fromtimestamp(quarter, tz=datetime.timezone.utc)
    with translation.override(language):
        return zone_choices(at, names)


@functools.lru_cache(maxsize=256)
def _options(quarter, names, language, selected):
    """The selector's <option> elements (safe HTML) for _choices(...), `selected` (an IANA
    name, or "") marked: written once per quarter hour, language and choice, not by a
    template loop on every page."""
    return mark_safe(  # noqa: S308 - every value is escaped here
        "".join(
            f'<option value="{escape(name)}"{" selected" if name == selected else ""}>'
            f"{escape(label)}</option>"
            for name, label in _choices(quarter, names, language)
        )
    )


def visitor_timezone(request):
    """`visitor_timezone`: the ZoneInfo the visitor chose, or None. `timezone_choices`:
    [(IANA name, label)] for the selector on every page (COMMON_ZONES plus the chosen zone),
    computed when first used, once per quarter hour and language; `timezone_options`: the
    same as <option> elements (safe HTML), the chosen zone selected."""
    chosen = visitor_zone(request)
    names = tuple(COMMON_ZONES)
    if chosen is not None and chosen.key not in COMMON_ZONES:
        names += (chosen.key,)

    def quarter():
        now = int(timezone.now().timestamp())
        return now - now % QUARTER_HOUR

    def choices():
        return _choices(quarter(), names, translation.get_language())

    def options():
        language, selected = translation.get_language(), getattr(chosen, "key", "")
        return _options(quarter(), names, language, selected)

    return {
        "visitor_timezone": chosen,
        "timezone_choices": SimpleLazyObject(choices),
        "timezone_options": SimpleLazyObject(options),
    }
