"""Stored links checked again where they are shown (defence in depth).

Link fields accept only http and https in forms and in full_clean() (common.fields),
but a row can reach the database another way: an import, the shell, `QuerySet.update()`, a
row older than the validator. Every place where a stored URL becomes an href, a redirect,
a calendar entry or a JSON-LD url goes through `safe_link`, so such a value is never a
clickable `javascript:` or `data:` link.
"""

from urllib.parse import urlsplit

#: The only schemes a stored link may have when it is shown.
SAFE_SCHEMES = frozenset({"http", "https"})


def safe_link(value):
    """`value` unchanged when it is an absolute http(s) URL with a host, else "".

    value: a str (anything else gives ""). Refused: other schemes (javascript:, data:,
    vbscript:, file: ...), relative or scheme-relative addresses, and any value holding
    whitespace or control characters (browsers drop those, so "java\\tscript:" would run).
    """
    if not isinstance(value, str) or not value:
        return ""
    if any(ord(char) <= 0x20 or 0x7F <= ord(char) <= 0x9F for char in value):
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return ""
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        return ""
    return value
