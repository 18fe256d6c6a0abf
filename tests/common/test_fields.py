"""HttpURLField: staff-entered links are http or https, whatever tricks the text tries."""

import pytest
from django.core.exceptions import ValidationError

from events.models import Event, Material
from speakers.models import SpeakerLink

MESSAGE = "Enter a web address that starts with http:// or https://."
REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "ftp://example.org/x.pdf",
    "mailto:someone@example.org",
    "https://",
    "https://exa mple.org/",
    "http://example.org/a b",
    "https://example.org/\nSet-Cookie: x=1",
    "https:///etc/passwd",
]
ACCEPTED = [
    ("https://www.un.org/en/desa", "https://www.un.org/en/desa"),
    ("http://example.org:8080/a?b=c#d", "http://example.org:8080/a?b=c#d"),
    ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
    ("example.org/register", "https://example.org/register"),  # typed without a scheme
    ("  https://example.org/  ", "https://example.org/"),
    ("https://例え.テスト/", "https://例え.テスト/"),
    ("//example.org/x", "https://example.org/x"),  # scheme-relative: made https
]
URL_FIELDS = [
    (Event, "registration_url"),
    (Event, "join_url"),
    (Event, "recording_url"),
    (Event, "organizer_url"),
    (Material, "url"),
    (SpeakerLink, "url"),
]


@pytest.mark.parametrize(("model", "name"), URL_FIELDS)
@pytest.mark.parametrize("value", REFUSED)
def test_url_fields_refuse_other_schemes_and_broken_links(model, name, value):
    form_field = model._meta.get_field(name).formfield()

    with pytest.raises(ValidationError) as excinfo:
        form_field.clean(value)

    assert excinfo.value.messages == [MESSAGE]


@pytest.mark.parametrize(("model", "name"), URL_FIELDS)
def test_url_fields_refuse_null_characters(model, name):
    form_field = model._meta.get_field(name).formfield()

    with pytest.raises(ValidationError) as excinfo:
        form_field.clean("https://\x00example.org/")

    assert excinfo.value.messages == [MESSAGE, "Null characters are not allowed."]


@pytest.mark.parametrize(("model", "name"), URL_FIELDS)
@pytest.mark.parametrize(("value", "stored"), ACCEPTED)
def test_url_fields_accept_web_links(model, name, value, stored):
    assert model._meta.get_field(name).formfield().clean(value) == stored


@pytest.mark.parametrize("value", ["javascript:alert(1)", "data:text/html,x", "ftp://x.org/"])
def test_model_validation_refuses_what_skipped_the_form(make_event, value):
    event = make_event(join_url=value, organizer_url=value)

    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()

    assert sorted(excinfo.value.message_dict) == ["join_url", "organizer_url"]


def test_admin_speaker_link_refuses_javascript(editor_client, make_speaker):
    speaker = make_speaker()
    data = {
        "full_name": speaker.full_name,
        "slug": speaker.slug,
        "honorific": "",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-label": "Profile",
        "links-0-url": "javascript:alert(document.cookie)",
        "links-0-position": "0",
    }

    response = editor_client.post(f"/admin/speakers/speaker/{speaker.pk}/change/", data)

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors == [{"url": [MESSAGE]}]
    assert not SpeakerLink.objects.exists()
