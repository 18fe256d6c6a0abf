"""JSON-LD for <script type="application/ld+json"> blocks."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# Inside <script>, "</script>" or "<!--" in a value would end or upset the block: JSON
# allows writing these characters as \\u escapes, which parsers read back unchanged.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_json(data):
    """`data` (dicts, lists, str, numbers, datetimes) as JSON that is safe to place between
    <script> tags: a SafeString with <, > and & escaped. Non-ASCII text stays as it is."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_ESCAPES))  # noqa: S308 - escaped above
