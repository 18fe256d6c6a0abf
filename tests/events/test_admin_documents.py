"""Uploading event documents in the admin: clear errors on the form, never a 500."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Event, Material
from tests import sample_files as sf
from tests.events.test_admin import _event_post
from tests.html_tags import find_tags, texts


def material_post(file, **overrides):
    return _event_post(
        **{
            "materials-TOTAL_FORMS": "1",
            "materials-0-position": "0",
            "materials-0-title_en": "Concept note",
            "materials-0-kind": Material.Kind.CONCEPT_NOTE,
            "materials-0-language": "en",
            "materials-0-file": file,
            "materials-0-url": "",
            **overrides,
        }
    )


BAD_DOCUMENTS = [
    pytest.param(sf.EXECUTABLE, "concept-note.pdf", "a Windows program", id="renamed-exe"),
    pytest.param(sf.HTML_AS_JPEG, "concept-note.pdf", "not a document", id="html"),
    pytest.param(sf.SVG, "concept-note.pdf", "not a document", id="svg"),
    pytest.param(sf.LEGACY_DOC, "concept-note.doc", "old-style Office file", id="doc"),
    pytest.param(sf.office_file("docx", macros=True), "cn.docm", "macros", id="docm"),
    pytest.param(sf.minimal_pdf()[:-40], "cn.pdf", "incomplete PDF", id="truncated-pdf"),
    pytest.param(b"", "cn.pdf", "The submitted file is empty.", id="empty"),
]


@pytest.mark.parametrize(("data", "name", "message"), BAD_DOCUMENTS)
def test_admin_material_with_bad_file_shows_the_error(admin_client, data, name, message):
    response = admin_client.post(
        reverse("admin:events_event_add"), material_post(SimpleUploadedFile(name, data))
    )
    assert response.status_code == 200
    (material_errors,) = [
        formset.formset.errors[0]
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == "materials"
    ]
    # An empty file never reaches the model, which adds "Upload a file or give a link".
    assert list(material_errors) == (["file", "__all__"] if data == b"" else ["file"])
    assert message in material_errors["file"][0]
    assert any(
        message in error for error in texts(response.content, "#materials-group .errorlist li")
    )
    assert (Event.objects.count(), Material.objects.count()) == (0, 0)


@pytest.mark.parametrize(("data", "name", "message"), BAD_DOCUMENTS)
def test_admin_concept_note_with_bad_file_shows_the_error(admin_client, data, name, message):
    response = admin_client.post(
        reverse("admin:events_event_add"),
        _event_post(concept_note_file=SimpleUploadedFile(name, data)),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["concept_note_file"]
    assert message in errors["concept_note_file"][0]
    assert Event.objects.count() == 0


def test_admin_material_over_the_size_limit_says_the_limit(admin_client, settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 200
    response = admin_client.post(
        reverse("admin:events_event_add"),
        material_post(SimpleUploadedFile("cn.pdf", sf.minimal_pdf())),
    )
    errors = texts(response.content, "#materials-group .errorlist li")
    assert any("documents can be at most 200\xa0bytes" in error for error in errors)
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "name", "stored_as"),
    [
        pytest.param(
            sf.minimal_pdf(), "Concept Note FINAL v3.pdf", "concept-note-en.pdf", id="pdf"
        ),
        pytest.param(sf.office_file("docx"), "cn.docx", "concept-note-en.docx", id="docx"),
        pytest.param(sf.opendocument(), "cn.odt", "concept-note-en.odt", id="odt"),
        pytest.param(sf.minimal_pdf(), "cn.docx", "concept-note-en.pdf", id="pdf-named-docx"),
    ],
)
def test_admin_material_with_good_file_is_stored(admin_client, data, name, stored_as):
    response = admin_client.post(
        reverse("admin:events_event_add"), material_post(SimpleUploadedFile(name, data))
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.file.name.startswith("events/materials/")
    assert material.file.name.endswith("/" + stored_as)
    assert material.file_size == len(data)
    with default_storage.open(material.file.name, "rb") as stored:
        assert stored.read() == data


def test_admin_change_page_shows_format_and_size(admin_client, make_event):
    event = make_event()
    Material.objects.create(
        event=event, title="Agenda", file=SimpleUploadedFile("a.pdf", sf.minimal_pdf())
    )
    body = admin_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    # The second row is the empty form for a new material.
    assert texts(body, "#materials-group td.field-file_facts") == [
        f"PDF, {len(sf.minimal_pdf())}\xa0bytes",
        "",
    ]
    inputs = find_tags(body, "input")
    accepts = {i["name"]: i.get("accept") for i in inputs if i.get("type") == "file"}
    assert (
        accepts["concept_note_file"]
        == accepts["materials-0-file"]
        == (
            ".pdf,.docx,.pptx,.xlsx,.odt,.odp,.ods,application/pdf,"
            + ",".join(
                "application/vnd." + t
                for t in (
                    "openxmlformats-officedocument.wordprocessingml.document",
                    "openxmlformats-officedocument.presentationml.presentation",
                    "openxmlformats-officedocument.spreadsheetml.sheet",
                    "oasis.opendocument.text",
                    "oasis.opendocument.presentation",
                    "oasis.opendocument.spreadsheet",
                )
            )
        )
    )
