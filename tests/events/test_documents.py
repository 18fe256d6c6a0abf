"""Event documents: recognised by content, stored under safe names, shown with their cost."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from events import documents
from events.models import Material
from tests import sample_files as sf


def upload(data, name):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("data", "name", "extension"),
    [
        (sf.minimal_pdf(), "concept note.pdf", "pdf"),
        (sf.office_file("docx"), "agenda.docx", "docx"),
        (sf.office_file("pptx"), "slides.pptx", "pptx"),
        (sf.office_file("xlsx"), "data.xlsx", "xlsx"),
        (sf.opendocument("text"), "note.odt", "odt"),
        (sf.opendocument("presentation"), "slides.odp", "odp"),
        (sf.opendocument("spreadsheet"), "data.ods", "ods"),
        # The content decides: a PDF named .docx is a PDF, stored as .pdf.
        (sf.minimal_pdf(), "agenda.docx", "pdf"),
    ],
)
def test_detect_document_by_content(data, name, extension):
    assert documents.detect_document(upload(data, name)).extension == extension


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (sf.EXECUTABLE, "report.pdf", "This file is a Windows program, not an accepted document."),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "slides.pptx", "a Linux program"),
        (sf.HTML_AS_JPEG, "report.pdf", "not a document in an accepted format"),
        (sf.SVG, "chart.pdf", "not a document in an accepted format"),
        (sf.LEGACY_DOC, "note.doc", "Save it as .docx, .xlsx or .pptx, or as PDF."),
        (sf.office_file("docx", macros=True), "note.docx", "a document with macros"),
        (sf.office_file("xlsx", macros=True), "data.xlsm", "a document with macros"),
        (sf.plain_zip(), "note.docx", "a ZIP archive of another kind"),
        (b"PK\x03\x04" + b"\x00" * 100, "note.docx", "a damaged or incomplete package"),
        (sf.minimal_pdf()[:-40], "report.pdf", "an incomplete PDF"),
        (sf.cmyk_jpeg(), "photo.pdf", "a JPEG image"),
        (b"Plain text notes", "notes.txt", "not a document in an accepted format"),
    ],
    ids=[
        "exe-as-pdf",
        "elf-as-pptx",
        "html-as-pdf",
        "svg",
        "legacy-doc",
        "docm",
        "xlsm",
        "other-zip",
        "broken-zip",
        "truncated-pdf",
        "jpeg-as-pdf",
        "text",
    ],
)
def test_detect_document_refuses_with_the_reason(data, name, message):
    with pytest.raises(ValidationError) as caught:
        documents.detect_document(upload(data, name))
    assert message in caught.value.messages[0]
    assert "recognised by their content, not their name" in caught.value.messages[0]


def test_detect_document_refuses_a_file_over_the_limit(settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        documents.detect_document(upload(sf.minimal_pdf(), "note.pdf"))
    assert caught.value.messages == [
        f"This file is {len(sf.minimal_pdf())}\xa0bytes; documents can be at most 100\xa0bytes."
    ]


@pytest.fixture
def event(make_event):
    return make_event(title="Data for cities", slug="data-for-cities")


def test_material_is_stored_under_a_token_and_a_readable_name(event):
    material = Material.objects.create(
        event=event,
        title="Concept note: Data for cities",
        kind=Material.Kind.CONCEPT_NOTE,
        language="fr",
        file=upload(sf.minimal_pdf(), "C:\\Users\\jdoe\\Desktop\\draft v3 FINAL private.pdf"),
    )
    prefix, token, filename = material.file.name.rsplit("/", 2)
    assert (prefix, filename) == ("events/materials", "concept-note-data-for-cities-fr.pdf")
    assert len(token) == 12
    assert "jdoe" not in material.file.url and "FINAL" not in material.file.url
    assert material.file_size == len(sf.minimal_pdf())
    assert material.file_format == documents.PDF


def test_material_names_in_any_script_stay_readable(event):
    material = Material.objects.create(
        event=event, title="概念说明", language="zh-hans", file=upload(sf.minimal_pdf(), "x.pdf")
    )
    assert material.file.name.endswith("/概念说明-zh-hans.pdf")


def test_two_uploads_of_the_same_title_get_different_urls(event):
    first, second = (
        Material.objects.create(event=event, title="Agenda", file=upload(sf.minimal_pdf(), "a"))
        for _ in range(2)
    )
    assert first.file.name != second.file.name
    assert first.file.name.endswith("/agenda-en.pdf") and second.file.name.endswith(
        "/agenda-en.pdf"
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (sf.EXECUTABLE, "report.pdf", "a Windows program"),
        (sf.SVG, "report.pdf", "not a document in an accepted format"),
        (sf.office_file("pptx", macros=True), "slides.pptx", "macros"),
    ],
)
def test_material_full_clean_refuses_bad_files(event, data, name, message):
    material = Material(event=event, title="Report", file=upload(data, name))
    with pytest.raises(ValidationError) as caught:
        material.full_clean()
    assert list(caught.value.message_dict) == ["file"]
    assert message in caught.value.message_dict["file"][0]
    assert Material.objects.count() == 0


def test_replacing_a_material_file_deletes_the_old_one(event, django_capture_on_commit_callbacks):
    material = Material.objects.create(
        event=event, title="Slides", file=upload(sf.minimal_pdf(), "a.pdf")
    )
    old = material.file.name
    with django_capture_on_commit_callbacks(execute=True):
        material.file = upload(sf.office_file("pptx"), "slides.pptx")
        material.save()
    assert material.file.name.endswith("/slides-en.pptx")
    assert material.file_size == len(sf.office_file("pptx"))
    assert (default_storage.exists(old), default_storage.exists(material.file.name)) == (
        False,
        True,
    )


def test_replacing_a_file_by_a_link_clears_the_size(event, django_capture_on_commit_callbacks):
    material = Material.objects.create(
        event=event, title="Slides", file=upload(sf.minimal_pdf(), "a.pdf")
    )
    old = material.file.name
    with django_capture_on_commit_callbacks(execute=True):
        material.file = None
        material.url = "https://example.org/slides.pdf"
        material.save()
    assert (material.file_size, material.file_format, default_storage.exists(old)) == (
        None,
        None,
        False,
    )


def test_deleting_an_event_deletes_its_documents(event, django_capture_on_commit_callbacks):
    material = Material.objects.create(
        event=event, title="Slides", file=upload(sf.minimal_pdf(), "a.pdf")
    )
    event.concept_note_file = upload(sf.office_file("docx"), "cn.docx")
    event.save()
    names = [material.file.name, event.concept_note_file.name]
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        event.delete()
    assert [default_storage.exists(name) for name in names] == [False, False]


def test_concept_note_file_gets_a_readable_name_and_size(event):
    event.concept_note_file = upload(sf.office_file("docx"), "CN final (2).docx")
    event.save()
    assert event.concept_note_file.name.startswith("events/concept-notes/")
    assert event.concept_note_file.name.endswith("/concept-note-data-for-cities.docx")
    assert event.concept_note_file_size == len(sf.office_file("docx"))
    assert event.concept_note_file_format == documents.DOCX
