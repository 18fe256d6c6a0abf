"""C0 control characters kept out of stored text, and out of what feeds and calendars write.

Text pasted from word processors carries control characters (Word's manual line break is
U+000B). XML 1.0 forbids every C0 character except tab, line feed and carriage return, so a
single one in a title made the RSS and Atom feeds fail for every visitor; iCalendar (RFC 5545)
forbids them in text as well.

Two layers: `strip_controls_on_save` (a pre_save receiver for every model, connected in
WebinarSiteConfig.ready()) cleans every CharField and TextField before a row is written;
feeds (events.feeds) and calendars (events.calendars) clean again what they write, for rows
stored another way (`QuerySet.update()`, `bulk_create()`, an import, a row older than this).
"""

import re

from django.db import models

#: Line-breaking controls: vertical tab (Word's manual line break) and form feed.
_BREAKS = re.compile("[\x0b\x0c]")
#: C0 controls (and DEL) that text never keeps: all but tab, line feed, carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def strip_controls(text, *, multiline=True):
    """`text` (str) without C0 control characters; anything else is returned unchanged.

    Tab, line feed and carriage return are kept (XML and iCalendar writers escape them, and
    what staff typed is kept as typed). Vertical tab and form feed become a line feed with
    multiline=True (TextField: descriptions), a space with multiline=False (CharField:
    titles, names); every other C0 character and DEL is removed.
    """
    if not isinstance(text, str):
        return text
    return _BREAKS.sub("\n" if multiline else " ", _CONTROLS.sub("", text))


def strip_controls_on_save(sender, instance, raw=False, **kwargs):
    """pre_save receiver: strip control characters from every CharField (one line) and
    TextField (several lines) of `instance`, whatever its model. Fixtures loaded with
    `raw` are left as they are."""
    if raw:
        return
    for field in instance._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)):
            continue
        value = instance.__dict__.get(field.attname)
        if isinstance(value, str):
            cleaned = strip_controls(value, multiline=isinstance(field, models.TextField))
            if cleaned != value:
                setattr(instance, field.attname, cleaned)
