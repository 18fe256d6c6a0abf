"""`{% load links %}` then `{{ event.registration_url|safe_link }}`: "" for any stored link
that is not http(s) (see common.links)."""

from django import template

from common.links import safe_link as _safe_link

register = template.Library()


@register.filter
def safe_link(value):
    """The stored link if it is an absolute http(s) URL, else ""."""
    return _safe_link(value)
