"""Searching webinars (?q= on /events/): accents and case ignored on SQLite and on
PostgreSQL, speakers' names kept current, ranking on PostgreSQL."""

import pytest
from django.db import connection
from django.urls import reverse

from events.models import Event, EventSpeaker
from events.search import search_key

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking is PostgreSQL's full-text search"
)


def _titles(client, q):
    response = client.get(reverse("events:list"), {"q": q})
    assert response.status_code == 200
    return [e.title for e in response.context["events"]]


@pytest.fixture
def programme(make_event, make_speaker, add_speaker):
    """Webinars whose names and words carry accents, and a draft that would match all."""
    madrid = make_event(title="Gobierno digital en São Paulo", summary="Résumé des échanges.")
    add_speaker(madrid, make_speaker(full_name="María García Díaz", organization="Ayuntamiento"))
    nordic = make_event(title="Nordic e-government", summary="Data.")
    add_speaker(nordic, make_speaker(full_name="Søren Ødegård", organization="Københavns Kommune"))
    add_speaker(nordic, make_speaker(full_name="Łukasz Wałęsa", organization="Urząd Miasta"))
    hanoi = make_event(title="Smart cities in Asia", summary="Đà Nẵng and Huế.")
    add_speaker(hanoi, make_speaker(full_name="王小明", organization="Fudan University"))
    draft = make_event(
        title="Zebra García São Paulo",
        summary="Résumé Đà Nẵng.",
        publication=Event.Publication.DRAFT,
    )
    add_speaker(draft, make_speaker(full_name="María García Díaz", organization="Hidden"))


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Garcia Diaz", ["Gobierno digital en São Paulo"]),  # the example
        ("GARCÍA DÍAZ", ["Gobierno digital en São Paulo"]),
        ("garcía diaz", ["Gobierno digital en São Paulo"]),
        ("maria", ["Gobierno digital en São Paulo"]),
        ("Sao Paulo", ["Gobierno digital en São Paulo"]),  # title
        ("resume echanges", ["Gobierno digital en São Paulo"]),  # summary
        ("SOREN odegard", ["Nordic e-government"]),  # ø is a letter of its own
        ("Lukasz Walesa", ["Nordic e-government"]),  # so is ł
        ("kobenhavns", ["Nordic e-government"]),  # organisation
        ("Da Nang", ["Smart cities in Asia"]),  # đ
        ("王小明", ["Smart cities in Asia"]),
        ("GOVERNMENT", ["Nordic e-government"]),
        ("garcia nordic", []),  # every word must match the same webinar
    ],
)
def test_search_ignores_accents_and_case(client, programme, q, expected):
    assert _titles(client, q) == expected


@pytest.mark.parametrize("q", ["!!!", "'", "a & | !b:*", "(", "\\", "%_", "<->"])
def test_search_with_punctuation_or_query_syntax_is_a_page_not_an_error(client, programme, q):
    titles = _titles(client, q)
    assert "Zebra García São Paulo" not in titles


def test_search_follows_a_renamed_speaker_and_a_changed_programme(
    client, make_event, make_speaker, add_speaker
):
    event = make_event(title="Budget webinar")
    speaker = make_speaker(full_name="Jose Nunez")
    appearance = add_speaker(event, speaker)

    speaker.full_name = "José Núñez Ibáñez"
    speaker.save()
    after_rename = _titles(client, "ibanez")
    appearance.delete()
    after_removal = _titles(client, "ibanez")
    EventSpeaker.objects.create(event=event, speaker=speaker, position=1)
    after_adding = _titles(client, "nunez")
    event.title = "Presupuesto participativo"
    event.save()

    assert after_rename == ["Budget webinar"]
    assert after_removal == []
    assert after_adding == ["Budget webinar"]
    assert _titles(client, "participativo") == ["Presupuesto participativo"]
    assert _titles(client, "budget") == []


@on_postgresql
def test_search_ranks_title_above_speakers_above_summary(
    client, make_event, make_speaker, add_speaker
):
    # Started in this order, so that the list's date order alone would put them backwards.
    in_summary = make_event(title="Second webinar", summary="Resilience in practice.")
    by_speaker = make_event(title="First webinar", summary="Other things.")
    add_speaker(by_speaker, make_speaker(full_name="Ana Resilience"))
    in_title = make_event(title="Resilience for cities", summary="Other things.")
    make_event(title="Unrelated", summary="Nothing here.")

    assert _titles(client, "résilience") == [in_title.title, by_speaker.title, in_summary.title]


@on_postgresql
def test_postgresql_search_uses_the_gin_index(make_event):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = Event.objects.search("garcia").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "events_event_search_vector_gin" in plan


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("García Díaz", "garcia diaz"),
        ("ŁUKASZ Ødegård", "lukasz odegard"),
        ("Straße", "strasse"),
        ("Đà Nẵng", "da nang"),
        ("王小明", "王小明"),
        ("ﬁnance", "finance"),  # a ligature, as NFKD spells it
        (None, None),
    ],
)
def test_search_key_drops_accents_and_case(text, key):
    assert search_key(text) == key
