from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .zones import COMMON_ZONES, visitor_zone, zone_choices


def visitor_timezone(request):
    """`visitor_timezone`: the ZoneInfo the visitor chose, or None. `timezone_choices`:
    [(IANA name, label)] for the selector on every page (COMMON_ZONES plus the chosen zone),
    computed when first used."""
    chosen = visitor_zone(request)
    names = list(COMMON_ZONES)
    if chosen is not None and chosen.key not in COMMON_ZONES:
        names.append(chosen.key)
    return {
        "visitor_timezone": chosen,
        "timezone_choices": SimpleLazyObject(lambda: zone_choices(timezone.now(), names)),
    }
