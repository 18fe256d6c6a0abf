"""Serving uploaded files: which may be served, with which type, and how long to cache them.

Used by `serve_media` (files in MEDIA_ROOT, when settings.SERVE_MEDIA) and by the S3 storage
(common.storage), so a file gets the same headers wherever it is stored.

What may be served is declared by the apps that make the files: each AppConfig may set
`media_types` ({extension: Content-Type}) and `immutable_media_prefixes` (storage path
prefixes, str), usually in its ready(). Nothing else is served: an HTML or SVG file put
into MEDIA_ROOT by other means is never sent as a page.
"""

import functools
import posixpath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.views.static import serve

#: Files under an immutable prefix get a new name whenever their content changes (e.g.
#: photo renditions): cache them for a year.
IMMUTABLE = "public, max-age=31536000, immutable"
#: Everything else for a day, so a document removed by mistake leaves caches soon.
SHORT = "public, max-age=86400"


@functools.cache
def media_types():
    """{extension (lower case, no dot): Content-Type} declared by the installed apps."""
    types = {}
    for config in apps.get_app_configs():
        types.update(getattr(config, "media_types", {}))
    return types


@functools.cache
def immutable_prefixes():
    """The storage path prefixes (a tuple of str) declared by the installed apps."""
    return tuple(
        prefix
        for config in apps.get_app_configs()
        for prefix in getattr(config, "immutable_media_prefixes", ())
    )


def media_type(name):
    """The Content-Type for a stored `name`, or None when such a file is never served."""
    return media_types().get(posixpath.splitext(name)[1].lower().lstrip("."))


def cache_control(name):
    """The Cache-Control value for a stored `name` (a path relative to the storage root)."""
    return IMMUTABLE if name.startswith(immutable_prefixes()) else SHORT


def serve_media(request, path):
    """Send the file `path` of MEDIA_ROOT with its Content-Type and Cache-Control.

    404 for a missing file, a directory, a path outside MEDIA_ROOT or a file type that
    uploads never produce. Answers If-Modified-Since with 304.
    """
    content_type = media_type(path)
    if content_type is None:
        raise Http404("No such file.")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation:  # "../" and the like
        raise Http404("No such file.") from None
    response["Content-Type"] = content_type
    response["Cache-Control"] = cache_control(path)
    return response
