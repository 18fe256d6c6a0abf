"""Serving uploaded files: which may be served, with which type, and how long to cache them.

Used by `serve_media` (files in MEDIA_ROOT, when settings.SERVE_MEDIA) and by the S3 storage
(webinar_site.storage), so a file gets the same headers wherever it is stored.
"""

import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.views.static import serve

from events.documents import FORMATS as DOCUMENT_FORMATS
from events.sharing import RENDITION_DIR as SHARE_RENDITION_DIR
from speakers.photos import RENDITION_DIR

#: Content-Type by extension for every kind of file an upload can become. Nothing else is
#: served: an HTML or SVG file put into MEDIA_ROOT by other means is never sent as a page.
MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "webp": "image/webp",
    **{extension: f.media_type for extension, f in DOCUMENT_FORMATS.items()},
}
#: Renditions get a new name whenever their content changes: cache them for a year.
IMMUTABLE = "public, max-age=31536000, immutable"
#: Everything else for a day, so a document removed by mistake leaves caches soon.
SHORT = "public, max-age=86400"


def media_type(name):
    """The Content-Type for a stored `name`, or None when such a file is never served."""
    return MEDIA_TYPES.get(posixpath.splitext(name)[1].lower().lstrip("."))


def cache_control(name):
    """The Cache-Control value for a stored `name` (a path relative to the storage root)."""
    return IMMUTABLE if name.startswith((RENDITION_DIR, SHARE_RENDITION_DIR)) else SHORT


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
