"""Speaker photos: checking an upload, cleaning it, and making the renditions pages show.

An upload is accepted only when its content (never its name) is a JPEG, PNG or WebP image
of at most settings.PHOTO_UPLOAD_MAX_BYTES bytes and settings.PHOTO_MAX_PIXELS pixels that
decodes to the end. Any other file, a damaged or truncated one, or a decompression bomb is
refused with a ValidationError that names the reason and, for limits, the limit.

What is stored is never the upload itself but a clean master (`clean_photo`): the EXIF
orientation applied, colours converted to sRGB (CMYK and ICC-tagged images included),
transparency flattened onto white, at most MASTER_MAX_SIDE pixels a side, and no metadata
at all (no EXIF, GPS, camera, XMP, ICC or comment). Renditions are square crops of the master
at settings.SPEAKER_PHOTO_SIZES widths, each in WebP and in JPEG, encoded once when the photo
is saved and stored under new random names, so they can be cached for a year.
"""

import io
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps

from common.uploads import check_size, is_new_upload, random_token

#: The formats Pillow may even try to parse: no other decoder (TIFF, EPS, SVG ...) is reached.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
#: The longest side of the stored master, in pixels.
MASTER_MAX_SIDE = 1600
MASTER_DIR = "speakers/photos/"
RENDITION_DIR = "speakers/renditions/"
#: Transparent areas become this colour (the page background).
BACKGROUND = (255, 255, 255)
#: Which part of a non-square photo a square crop keeps: centred across, and a little above
#: the middle, where the face is in most portraits.
CROP_CENTRE = (0.5, 0.35)
#: Qualities tried in turn until a rendition fits its byte budget.
QUALITY_STEPS = {"WEBP": (80, 72, 64, 56, 48, 40), "JPEG": (82, 74, 66, 58, 50, 42)}
#: Byte budget of a rendition up to BUDGET_WIDTH pixels wide; larger ones scale with the area.
BUDGET_BYTES = 15_000
BUDGET_WIDTH = 240

_SRGB = ImageCms.createProfile("sRGB")


def _not_a_photo():
    return ValidationError(
        _(
            "This file is not a JPEG, PNG or WebP image (its content was checked, not its "
            "name). Save the photo as JPEG or PNG and upload it again."
        ),
        code="invalid_image",
    )


def _too_many_pixels(size=None):
    limit = settings.PHOTO_MAX_PIXELS
    params = {"limit": f"{limit / 1_000_000:g}"}
    if size is None:
        message = _("This image has far more pixels than the limit of %(limit)s megapixels.")
    else:
        params.update(
            width=size[0], height=size[1], megapixels=f"{size[0] * size[1] / 1_000_000:.1f}"
        )
        message = _(
            "This image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); "
            "the limit is %(limit)s megapixels. Make it smaller and upload it again."
        )
    return ValidationError(message % params, code="too_many_pixels")


def load_photo(file):
    """Check an uploaded photo and return it decoded, as a PIL Image.

    file: a Django File (e.g. an UploadedFile), read from the start. Large JPEGs are decoded
    at a reduced scale no smaller than MASTER_MAX_SIDE. The result is remembered on `file`,
    so the form field, the model validator and save() decode it only once.
    Raises ValidationError (too large, too many pixels, not JPEG/PNG/WebP, damaged).
    """
    checked = getattr(file, "_checked_photo", None)
    if checked is not None:
        return checked
    check_size(file, settings.PHOTO_UPLOAD_MAX_BYTES, _("photos"))
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow warns above Image.MAX_IMAGE_PIXELS and raises above twice that.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(file, formats=ACCEPTED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except Exception:  # Pillow raises many kinds of errors on hostile input
            raise _not_a_photo() from None
        if image.width * image.height > settings.PHOTO_MAX_PIXELS:
            raise _too_many_pixels(image.size)
        try:
            if image.format == "JPEG":
                image.draft(None, (MASTER_MAX_SIDE, MASTER_MAX_SIDE))
            image.load()
        except Exception:
            raise ValidationError(
                _(
                    "This image is damaged or incomplete (perhaps cut short while it was "
                    "copied). Open it, save it again and upload the new file."
                ),
                code="damaged_image",
            ) from None
    file._checked_photo = image
    return image


def clean_photo(image):
    """Return a new RGB image made from `image` with nothing but its pixels.

    Applies the EXIF orientation; converts palette, 16-bit, CMYK and ICC-tagged images to
    sRGB; flattens transparency onto BACKGROUND; shrinks to MASTER_MAX_SIDE pixels a side.
    The result carries no EXIF, GPS, XMP, ICC profile or comment.
    """
    image = ImageOps.exif_transpose(image)
    icc_profile = image.info.get("icc_profile")
    if image.mode.startswith("I"):  # 16-bit greyscale PNG: scale to 8 bits, not clip
        image = image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if image.has_transparency_data:
        image = image.convert("RGBA")
    elif image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    # Shrink first, so the copies below are small even for a 40-megapixel upload.
    image.thumbnail((MASTER_MAX_SIDE, MASTER_MAX_SIDE), Image.Resampling.LANCZOS)
    if image.mode == "RGBA":
        flat = Image.new("RGBA", image.size, (*BACKGROUND, 255))
        flat.alpha_composite(image)
        image = flat.convert("RGB")
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or mismatched profile: fall back to a plain conversion
    if image.mode != "RGB":
        image = image.convert("RGB")
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    return clean


def encode_master(image):
    """The clean master as JPEG bytes in a ContentFile (quality 90, no metadata)."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, optimize=True)
    return ContentFile(buffer.getvalue())


def rendition_widths(side, sizes=None):
    """The widths to make for a square of `side` pixels: the configured sizes below it, then
    the side itself capped at the largest size (never upscaled). E.g. 200 -> [80, 160, 200]."""
    sizes = sorted(sizes or settings.SPEAKER_PHOTO_SIZES)
    widest = min(side, sizes[-1])
    return [size for size in sizes if size < widest] + [widest]


def byte_budget(width):
    """The most bytes a rendition `width` pixels wide should take (BUDGET_BYTES up to
    BUDGET_WIDTH, growing with the area above it)."""
    return round(BUDGET_BYTES * max(1.0, (width / BUDGET_WIDTH) ** 2))


def encode(image, image_format, budget):
    """Encode `image` as "WEBP" or "JPEG" at the best quality of QUALITY_STEPS that fits in
    `budget` bytes (the lowest if none does). Returns bytes without any metadata."""
    for quality in QUALITY_STEPS[image_format]:
        buffer = io.BytesIO()
        if image_format == "WEBP":
            image.save(buffer, "WEBP", quality=quality, method=6)
        else:
            image.save(
                buffer, "JPEG", quality=quality, optimize=True, progressive=image.width >= 240
            )
        data = buffer.getvalue()
        if len(data) <= budget:
            break
    return data


def square_crop(image):
    """The largest square of `image`, placed by CROP_CENTRE."""
    width, height = image.size
    side = min(width, height)
    left = round((width - side) * CROP_CENTRE[0])
    top = round((height - side) * CROP_CENTRE[1])
    return image.crop((left, top, left + side, top + side))


def make_renditions(image, storage, sizes=None):
    """Write the renditions of a clean master `image` to `storage`.

    Returns a list of {"width": int, "webp": name, "jpeg": name}, narrowest first, to keep
    in Speaker.photo_renditions. Names are new on every call: "speakers/renditions/<token>-
    <width>.<webp|jpg>".
    """
    square = square_crop(image)
    token = random_token()
    renditions = []
    for width in rendition_widths(square.width, sizes):
        resized = (
            square
            if width == square.width
            else square.resize((width, width), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        entry = {"width": width}
        for key, image_format, extension in (("webp", "WEBP", "webp"), ("jpeg", "JPEG", "jpg")):
            data = encode(resized, image_format, byte_budget(width))
            name = f"{RENDITION_DIR}{token}-{width}.{extension}"
            entry[key] = storage.save(name, ContentFile(data))
        renditions.append(entry)
    return renditions


def rendition_names(renditions):
    """Every stored name in a Speaker.photo_renditions list."""
    return [entry[key] for entry in renditions or [] for key in ("webp", "jpeg") if entry.get(key)]


@dataclass(frozen=True)
class PhotoSources:
    """What a <picture> needs: `webp_srcset` and `jpeg_srcset` ("url 80w, url 160w, ...")
    and `src`, a JPEG for browsers that know neither srcset nor WebP."""

    webp_srcset: str
    jpeg_srcset: str
    src: str

    @classmethod
    def from_renditions(cls, renditions, storage, fallback_width=160):
        """Build from a Speaker.photo_renditions list; None if it is empty."""
        if not renditions:
            return None
        fallback = next(
            (entry for entry in renditions if entry["width"] >= fallback_width), renditions[-1]
        )
        return cls(
            webp_srcset=", ".join(
                f"{storage.url(entry['webp'])} {entry['width']}w" for entry in renditions
            ),
            jpeg_srcset=", ".join(
                f"{storage.url(entry['jpeg'])} {entry['width']}w" for entry in renditions
            ),
            src=storage.url(fallback["jpeg"]),
        )


def validate_photo(value):
    """Model-field validator: check a newly assigned photo (a stored one is left alone)."""
    if is_new_upload(value):
        load_photo(value.file)


class PhotoFormField(forms.FileField):
    """A file field that checks photos as load_photo does, with its messages (Django's own
    ImageField would give one vague message for every kind of bad file)."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs

    def to_python(self, data):
        file = super().to_python(data)
        if file is not None:
            load_photo(file)
        return file


class PhotoField(models.ImageField):
    """An ImageField for portraits: JPEG, PNG or WebP within the configured limits, checked
    by content in forms and in Model.full_clean()."""

    default_validators = [validate_photo]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})
