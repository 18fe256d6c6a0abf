import datetime
import functools

from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

from .zones import COMMON_ZONES, visitor_zone, zone_choices

QUARTER_HOUR = 15 * 60  # seconds; every UTC offset, and so every clock change, falls on one


@functools.lru_cache(maxsize=64)
def _choices(quarter, names, language):
    """zone_choices at the start of a quarter hour (Unix time `quarter`): the same labels and
    order for every request in it, since no offset changes within one."""
    at = datetime.datetime.fromtimestamp(quarter, tz=datetime.timezone.utc)
    with translation.override(language):
        return zone_choices(at, names)


def visitor_timezone(request):
    """`visitor_timezone`: the ZoneInfo the visitor chose, or None. `timezone_choices`:
    [(IANA name, label)] for the selector on every page (COMMON_ZONES plus the chosen zone),
    computed when first used, once per quarter hour and language."""
    chosen = visitor_zone(request)
    names = tuple(COMMON_ZONES)
    if chosen is not None and chosen.key not in COMMON_ZONES:
        names += (chosen.key,)

    def choices():
        now = int(timezone.now().timestamp())
        return _choices(now - now % QUARTER_HOUR, names, translation.get_language())

    return {"visitor_timezone": chosen, "timezone_choices": SimpleLazyObject(choices)}
