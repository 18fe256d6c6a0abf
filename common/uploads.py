"""Helpers shared by every kind of upload (speaker photos, event documents).

Stored names are made here: each upload goes into a directory named by a random token, so
no file name chosen by the person uploading (nor their computer's path) reaches a URL, and
no URL can be guessed from another. Files are removed from storage only after the database
change that orphaned them has been committed, so a failed save never loses a file that a
row still points to.
"""

import os
import posixpath
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _


def random_token(nbytes=9):
    """A URL-safe random string: 9 bytes give 12 characters (72 bits, not guessable)."""
    return secrets.token_urlsafe(nbytes)


@deconstructible
class TokenDirectory:
    """`upload_to` that stores `name` as "<prefix>/<random token>/<name>".

    The model is expected to have set `name` to a readable name of its own making (e.g.
    "concept-note-en.pdf"), so that a download keeps a meaningful file name while the token
    keeps the URL unguessable. Any directory part of `name` is dropped.
    """

    def __init__(self, prefix):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename):
        base = get_valid_filename(posixpath.basename(filename.replace("\\", "/")))
        return f"{self.prefix}/{random_token()}/{base}"

    def __eq__(self, other):
        return isinstance(other, TokenDirectory) and other.prefix == self.prefix


def check_size(file, limit, what):
    """Raise ValidationError if `file` (anything with .size, in bytes) exceeds `limit` bytes.

    what: the kind of file for the message, e.g. "Photos" or "Documents".
    """
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("This file is %(size)s; %(what)s can be at most %(limit)s.")
            % {"size": filesizeformat(size), "what": what, "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def is_new_upload(fieldfile):
    """True when a FieldFile holds a file that has not been written to storage yet."""
    return bool(fieldfile) and not fieldfile._committed


def stored_values(instance, *fields):
    """The values of `fields` as the database holds them for `instance` (a dict), or {} for
    an unsaved instance or a row that no longer exists. One query."""
    if instance.pk is None:
        return {}
    row = type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first()
    return row or {}


def replaced_file(instance, field_name):
    """The stored name that saving `instance` will orphan: what the database holds for the
    file field `field_name` when a new upload or a cleared field replaces it, else ""."""
    fieldfile = getattr(instance, field_name)
    if fieldfile and fieldfile._committed:
        return ""
    return stored_values(instance, field_name).get(field_name) or ""


def delete_on_commit(storage, names):
    """Delete the stored files `names` (empty names are skipped) once the current
    transaction commits; at once when no transaction is open. A file already gone is fine."""
    names = [name for name in names if name]
    if not names:
        return

    def delete():
        for name in names:
            storage.delete(name)
            try:  # on a local disk, also drop the token directory once it is empty
                os.rmdir(os.path.dirname(storage.path(name)))
            except (NotImplementedError, OSError):
                pass

    transaction.on_commit(delete)
