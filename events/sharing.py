"""An event's sharing image (link previews, search results): checked and cleaned as speaker
photos are (speakers.photos), then cropped once to the size sharing cards use.

An upload is accepted only by its content: a JPEG, PNG or WebP image within
settings.PHOTO_UPLOAD_MAX_BYTES and settings.PHOTO_MAX_PIXELS that decodes to the end;
anything else, a truncated image or a decompression bomb is refused with a message. What is
stored is never the upload: a clean master without any metadata (no GPS position, camera,
XMP, comment) under a random name, "events/images/<token>.jpg", and a SHARE_SIZE crop of
it, "events/images/renditions/<token>-1200x630.jpg", which og:image, twitter:image and the
JSON-LD image point at. Pages without one use the site's default
(common.context_processors.DEFAULT_SHARE_IMAGE, a static file).
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from common.uploads import random_token
from speakers import photos

#: Width and height of the sharing card (Open Graph, Twitter, search engines), in pixels.
SHARE_SIZE = (1200, 630)
MASTER_DIR = "events/images/"
RENDITION_DIR = "events/images/renditions/"


class SharingImageField(photos.PhotoField):
    """The event's sharing image: the checks of speaker photos, in forms and full_clean()."""


def share_rendition(image):
    """`image` (a clean RGB master) cropped around its centre to SHARE_SIZE, as JPEG bytes
    (quality 82, progressive, no metadata). Smaller images are scaled up to fill it."""
    card = ImageOps.fit(image, SHARE_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    buffer = io.BytesIO()
    card.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def store(image, storage):
    """Write the clean master and the sharing rendition of `image` (a decoded PIL image, as
    photos.load_photo gives it) to `storage`. Returns (master name, rendition name)."""
    clean = photos.clean_photo(image)
    token = random_token()
    master = storage.save(f"{MASTER_DIR}{token}.jpg", photos.encode_master(clean))
    rendition = storage.save(
        f"{RENDITION_DIR}{token}-{SHARE_SIZE[0]}x{SHARE_SIZE[1]}.jpg",
        ContentFile(share_rendition(clean)),
    )
    return master, rendition
