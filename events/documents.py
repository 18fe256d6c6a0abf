"""Event documents (concept notes, agendas, slides, reports): which files are accepted.

A document is recognised by its content, never by its name: a PDF by its "%PDF-" header and
"%%EOF" trailer; Word, PowerPoint and Excel files (DOCX, PPTX, XLSX) and OpenDocument files
(ODT, ODP, ODS) by the ZIP package they are and the parts it must contain. Macro-enabled
packages, legacy Office files, programs, images, web pages and anything else are refused
with a ValidationError that says what the file is, when that is known, and what to do.
"""

import contextlib
import posixpath
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.uploads import check_size, delete_on_commit, is_new_upload, replaced_file


@dataclass(frozen=True)
class DocumentFormat:
    """One accepted format: `extension` (stored names end with it), `label` (shown to
    visitors, e.g. "PDF") and `media_type` (the Content-Type it is served with)."""

    extension: str
    label: str
    media_type: str


PDF = DocumentFormat("pdf", gettext_lazy("PDF"), "application/pdf")
_OPENXML = "application/vnd.openxmlformats-officedocument."
DOCX = DocumentFormat("docx", gettext_lazy("Word (DOCX)"), _OPENXML + "wordprocessingml.document")
PPTX = DocumentFormat(
    "pptx", gettext_lazy("PowerPoint (PPTX)"), _OPENXML + "presentationml.presentation"
)
XLSX = DocumentFormat("xlsx", gettext_lazy("Excel (XLSX)"), _OPENXML + "spreadsheetml.sheet")
_ODF = "application/vnd.oasis.opendocument."
ODT = DocumentFormat("odt", gettext_lazy("OpenDocument text (ODT)"), _ODF + "text")
ODP = DocumentFormat("odp", gettext_lazy("OpenDocument presentation (ODP)"), _ODF + "presentation")
ODS = DocumentFormat("ods", gettext_lazy("OpenDocument spreadsheet (ODS)"), _ODF + "spreadsheet")

#: Accepted formats by stored extension.
FORMATS = {f.extension: f for f in (PDF, DOCX, PPTX, XLSX, ODT, ODP, ODS)}
#: The part an Office Open XML package must contain to be each format.
_OPENXML_MAIN_PARTS = {
    "word/document.xml": DOCX,
    "ppt/presentation.xml": PPTX,
    "xl/workbook.xml": XLSX,
}
_ODF_MIMETYPES = {f.media_type.encode(): f for f in (ODT, ODP, ODS)}
ACCEPT_ATTRIBUTE = ",".join(
    [f".{f.extension}" for f in FORMATS.values()] + [f.media_type for f in FORMATS.values()]
)


#: For help texts.
HELP_TEXT = gettext_lazy(
    "PDF, Word, PowerPoint or Excel (DOCX, PPTX, XLSX) or OpenDocument (ODT, ODP, ODS). "
    "The file's own name is dropped: visitors download it under a name made from the title."
)

# Leading bytes of files people may try to upload by mistake, to say what they are.
_KNOWN_OTHERS = [
    (b"MZ", gettext_lazy("a Windows program")),
    (b"\x7fELF", gettext_lazy("a Linux program")),
    (b"\xca\xfe\xba\xbe", gettext_lazy("a program")),
    (b"\xcf\xfa\xed\xfe", gettext_lazy("a Mac program")),
    (b"#!", gettext_lazy("a script")),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        gettext_lazy("an old-style Office file (.doc, .xls or .ppt)"),
    ),
    (b"{\\rtf", gettext_lazy("an RTF file")),
    (b"\xff\xd8\xff", gettext_lazy("a JPEG image")),
    (b"\x89PNG", gettext_lazy("a PNG image")),
    (b"GIF8", gettext_lazy("a GIF image")),
    (b"Rar!", gettext_lazy("a RAR archive")),
    (b"7z\xbc\xaf", gettext_lazy("a 7-Zip archive")),
]


def _refuse(what=None, advice=None):
    accepted = _(
        "Accepted are PDF, Word, PowerPoint and Excel (DOCX, PPTX, XLSX) and OpenDocument "
        "(ODT, ODP, ODS) files, recognised by their content, not their name."
    )
    if what is None:
        first = _("This file is not a document in an accepted format.")
    else:
        first = _("This file is %(what)s, not an accepted document.") % {"what": what}
    return ValidationError(" ".join(filter(None, [first, advice, accepted])), code="bad_document")


def _sniff_package(file):
    """The DocumentFormat of a ZIP-based document, or raise ValidationError."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            first = package.infolist()[0] if package.infolist() else None
            if any(posixpath.basename(name).lower() == "vbaproject.bin" for name in names) or any(
                name.startswith(("Basic/", "Scripts/")) for name in names
            ):
                raise _refuse(
                    _("a document with macros"),
                    _("Save it without macros (as .docx, .pptx or .xlsx, or as PDF)."),
                )
            if first is not None and first.filename == "mimetype":
                with package.open(first) as stream:
                    mimetype = stream.read(100).strip()
                if mimetype in _ODF_MIMETYPES:
                    return _ODF_MIMETYPES[mimetype]
            if "[Content_Types].xml" in names:
                for part, document_format in _OPENXML_MAIN_PARTS.items():
                    if part in names:
                        return document_format
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _refuse(
            _("a damaged or incomplete package"), _("Open it, save it again and upload it.")
        ) from None
    raise _refuse(_("a ZIP archive of another kind"))


def detect_document(file):
    """Return the DocumentFormat of `file` (a Django File, read from the start).

    Raises ValidationError when the file is over settings.DOCUMENT_UPLOAD_MAX_BYTES, is
    empty, or is not one of FORMATS by its content.
    """
    check_size(file, settings.DOCUMENT_UPLOAD_MAX_BYTES, _("documents"))
    file.seek(0)
    head = file.read(8)
    if head.startswith(b"%PDF-"):
        file.seek(0, 2)
        size = file.tell()
        file.seek(max(0, size - 1024))
        if b"%%EOF" not in file.read():
            raise _refuse(
                _("an incomplete PDF (its end is missing)"),
                _("Open it, save it again and upload the new file."),
            )
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _sniff_package(file)
    for magic, what in _KNOWN_OTHERS:
        if head.startswith(magic):
            advice = None
            if magic.startswith(b"\xd0\xcf"):
                advice = _("Save it as .docx, .xlsx or .pptx, or as PDF.")
            raise _refuse(str(what), advice)
    raise _refuse()


def validate_document(value):
    """Model-field validator: check a newly assigned document (a stored one is left alone)."""
    if is_new_upload(value):
        detect_document(value.file)


class DocumentField(models.FileField):
    """A FileField for event documents: checked by validate_document, and its file input
    offers only the accepted formats in the browser's file picker."""

    default_validators = [validate_document]

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        if field is not None:
            field.widget.attrs.setdefault("accept", ACCEPT_ATTRIBUTE)
        return field


def format_of(name):
    """The DocumentFormat of a stored name by its extension (which detect_document chose),
    or None for names without one of FORMATS."""
    return FORMATS.get(posixpath.splitext(name or "")[1].lower().lstrip("."))


def readable_name(stem, document_format, max_length=60):
    """A download file name such as "concept-note-en.pdf" from `stem` in any script
    ("概念说明-zh-hans.pdf"); "document" when the stem has no letters or digits."""
    base = slugify(stem, allow_unicode=True)[:max_length].strip("-") or "document"
    return f"{base}.{document_format.extension}"


def prepare_upload(fieldfile, stem):
    """Before a model with a document field is saved: if `fieldfile` holds a new upload,
    detect its format, give it a readable name from `stem` and return its size in bytes;
    return None when there is nothing new to store. Raises ValidationError."""
    if not is_new_upload(fieldfile):
        return None
    document_format = detect_document(fieldfile.file)
    fieldfile.name = readable_name(stem, document_format)
    return fieldfile.file.size


@contextlib.contextmanager
def saving_document(instance, field_name, size_field, stem):
    """Wrap the model's own save (`super().save()`) of `instance`, which has the document
    field `field_name` and its size in bytes in `size_field`:

        with documents.saving_document(self, "file", "file_size", f"{self.title}"):
            super().save(*args, **kwargs)

    Before the save a new upload gets a readable name from `stem` (see readable_name) and
    its size is recorded (None once the field is cleared); after it the file the save
    replaced or cleared is deleted from storage once the transaction commits. Raises
    ValidationError for a file that is not an accepted document.
    """
    fieldfile = getattr(instance, field_name)
    replaced = replaced_file(instance, field_name)
    size = prepare_upload(fieldfile, stem)
    if size is not None or not fieldfile:
        setattr(instance, size_field, size)
    yield
    if replaced:
        delete_on_commit(fieldfile.storage, [replaced])
