"""Real files for upload tests, made here with Pillow and zipfile (bytes, deterministic).

Photos: portraits with EXIF orientation and GPS, CMYK, RGBA, palette transparency, and the
hostile or broken ones (truncated, decompression bomb, HTML renamed .jpg, SVG). Documents: a
minimal but complete PDF, Office Open XML and OpenDocument packages, and files that only
pretend to be documents.
"""

import io
import random
import struct
import zipfile
import zlib

from PIL import ExifTags, Image, ImageCms, ImageDraw, ImageFilter

#: Strings planted in metadata: none may appear in anything the site stores.
CAMERA = "LeakyCam 3000"
COMMENT = b"private-comment-from-the-photographer"
GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (40.0, 44.0, 54.36),
    ExifTags.GPS.GPSLongitudeRef: "W",
    ExifTags.GPS.GPSLongitude: (73.0, 59.0, 8.5),
}

RED, WHITE, BLUE = (220, 20, 30), (255, 255, 255), (20, 40, 200)


def encode(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def portrait(width=900, height=1200, seed=1, noise=10):
    """A photo-like RGB portrait: a lit backdrop, head and shoulders, skin shading and
    sensor noise (`noise` is the noise's strength, 0-255; 10 is a well-lit photo)."""
    rng = random.Random(seed)
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    image = Image.blend(image, Image.new("RGB", (width, height), (70, 110, 150)), 0.6)
    draw = ImageDraw.Draw(image)
    cx = width // 2
    draw.ellipse((cx - width // 2, height * 0.62, cx + width // 2, height * 1.4), fill=(40, 45, 60))
    draw.ellipse(
        (cx - width * 0.2, height * 0.18, cx + width * 0.2, height * 0.62), fill=(200, 150, 120)
    )
    draw.ellipse(
        (cx - width * 0.22, height * 0.12, cx + width * 0.22, height * 0.3), fill=(40, 30, 25)
    )
    for dx in (-0.08, 0.08):
        x = cx + width * dx
        draw.ellipse((x - 12, height * 0.38 - 7, x + 12, height * 0.38 + 7), fill=(50, 35, 30))
    image = image.filter(ImageFilter.GaussianBlur(3))
    if noise:
        grain = Image.frombytes("L", (width, height), rng.randbytes(width * height))
        grain = grain.filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")
        image = Image.blend(image, grain, noise / 255)
    return image


def jpeg_with_orientation_and_gps():
    """A JPEG stored landscape (600 × 400) with EXIF orientation 6 (turn 90° clockwise to
    show it), GPS position, camera name, a comment, XMP and an ICC profile. Stored, its
    top-left 200 × 100 is red; shown upright, that block is at the top right."""
    image = Image.new("RGB", (600, 400), WHITE)
    ImageDraw.Draw(image).rectangle((0, 0, 199, 99), fill=RED)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "LeakyCam"
    exif[ExifTags.Base.Model] = CAMERA
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><tiff:Model>{CAMERA}</tiff:Model></x:xmpmeta>'
    return encode(
        image,
        "JPEG",
        quality=95,
        exif=exif,
        comment=COMMENT,
        icc_profile=icc,
        xmp=xmp.encode(),
    )


def cmyk_jpeg():
    """A 300 × 300 CMYK JPEG, all red (no cyan, full magenta and yellow)."""
    return encode(Image.new("CMYK", (300, 300), (0, 255, 255, 0)), "JPEG", quality=95)


def rgba_png():
    """A 300 × 300 PNG, transparent but for an opaque blue disc in the middle."""
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((75, 75, 225, 225), fill=(*BLUE, 255))
    return encode(image, "PNG")


def palette_png_with_transparency():
    """A 300 × 300 palette PNG: colour 0 (black in the palette) is transparent and fills
    the background; colour 1 is a blue square in the middle."""
    image = Image.new("P", (300, 300), 0)
    image.putpalette([0, 0, 0, *BLUE] + [0] * (256 * 3 - 6))
    ImageDraw.Draw(image).rectangle((75, 75, 224, 224), fill=1)
    return encode(image, "PNG", transparency=0)


def webp_photo():
    return encode(portrait(600, 600), "WEBP", quality=85)


def truncated_jpeg():
    """The first 60% of a real JPEG photo: it ends in the middle of the image data."""
    data = encode(portrait(800, 800), "JPEG", quality=90)
    return data[: len(data) * 6 // 10]


def png_header_claiming(width, height):
    """A tiny PNG whose header claims `width` × `height` pixels: a decompression bomb's
    shape (a few bytes that would expand to gigabytes)."""
    data = bytearray(encode(Image.new("L", (1, 1)), "PNG"))
    ihdr = 8 + 4 + 4  # signature, chunk length, chunk type
    data[ihdr : ihdr + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr - 4 : ihdr + 13]))
    data[ihdr + 13 : ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


HTML_AS_JPEG = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b'<script>alert(document.cookie)</script><circle cx="50" cy="50" r="40"/></svg>'
)


def gif():
    return encode(Image.new("RGB", (50, 50), BLUE), "GIF")


# --- Documents -----------------------------------------------------------------------


def minimal_pdf(text="Concept note"):
    """A complete one-page PDF 1.4 (catalog, pages, page, font, content stream, xref table
    with correct offsets, trailer) that PDF readers open."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{part}"/></Relationships>'
)
_DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Agenda</w:t></w:r></w:p></w:body></w:document>"
)
_OFFICE_PARTS = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        _DOCUMENT_XML,
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    ),
}


def office_file(kind, macros=False, media_bytes=0):
    """A minimal Office Open XML package of `kind` ("docx", "pptx" or "xlsx"); with
    `macros`, it also carries a VBA project, as .docm/.pptm/.xlsm files do; `media_bytes`
    adds an incompressible embedded media part of that size (a slide deck's photos)."""
    part, content_type, xml = _OFFICE_PARTS[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml", _CONTENT_TYPES.format(part=part, content_type=content_type)
        )
        package.writestr("_rels/.rels", _RELS.format(part=part))
        package.writestr(part, xml)
        if macros:
            package.writestr(f"{part.split('/')[0]}/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
        if media_bytes:
            media = random.Random(media_bytes).randbytes(media_bytes)
            package.writestr(f"{part.split('/')[0]}/media/image1.jpeg", media, zipfile.ZIP_STORED)
    return buffer.getvalue()


def opendocument(kind="text"):
    """A minimal OpenDocument package ("text", "presentation" or "spreadsheet"): the
    uncompressed `mimetype` entry first, as the standard requires."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            zipfile.ZipInfo("mimetype"),
            f"application/vnd.oasis.opendocument.{kind}",
            compress_type=zipfile.ZIP_STORED,
        )
        package.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
            'manifest:1.0"/>',
        )
        package.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "Not a document.")
    return buffer.getvalue()


#: The start of a Windows program (DOS stub and PE header).
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"PE\x00\x00"
LEGACY_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
