"""Staff-written Markdown: rendered by markdown-it-py, sanitised by nh3, used by the pages."""

import datetime

import pytest
from django.apps import apps
from django.template import engines

from common.markup import render_markdown, render_plain_text
from events.models import AgendaItem


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("Plain text.", "<p>Plain text.</p>\n"),
        ("First line\nsecond line", "<p>First line<br>\nsecond line</p>\n"),
        ("One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>\n"),
        ("**bold** and *italic*", "<p><strong>bold</strong> and <em>italic</em></p>\n"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
        ("3. three\n4. four", '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>\n'),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>\n"),
        ("~~old~~ `code`", "<p><s>old</s> <code>code</code></p>\n"),
        ("[Webinars](/events/)", '<p><a href="/events/">Webinars</a></p>\n'),
        ("x < y & z > w", "<p>x &lt; y &amp; z &gt; w</p>\n"),
    ],
)
def test_render_markdown_formats_staff_text(markdown, html):
    assert render_markdown(markdown) == html


def test_render_markdown_marks_external_links_noopener_nofollow(settings):
    settings.ALLOWED_HOSTS = ["webinars.example.org"]

    html = render_markdown(
        "[UN](https://www.un.org/) [here](https://webinars.example.org/events/) "
        "<https://sdgs.un.org> [mail](mailto:desa@un.org)"
    )

    assert html == (
        '<p><a href="https://www.un.org/" rel="noopener nofollow">UN</a> '
        '<a href="https://webinars.example.org/events/">here</a> '
        '<a href="https://sdgs.un.org" rel="noopener nofollow">https://sdgs.un.org</a> '
        '<a href="mailto:desa@un.org" rel="noopener nofollow">mail</a></p>\n'
    )


@pytest.mark.parametrize(
    ("level", "html"),
    [
        (2, "<h2>Objectives</h2>\n<h3>Sub</h3>\n<h6>Deep</h6>\n"),
        (3, "<h3>Objectives</h3>\n<h4>Sub</h4>\n<h6>Deep</h6>\n"),
        (9, "<h6>Objectives</h6>\n<h6>Sub</h6>\n<h6>Deep</h6>\n"),
    ],
)
def test_render_markdown_shifts_headings_below_the_page_title(level, html):
    assert render_markdown("# Objectives\n## Sub\n###### Deep", level) == html


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ('<img src=x onerror="alert(1)">', "<p>&lt;img src=x onerror=\"alert(1)\"&gt;</p>\n"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        ("[x](JaVaScRiPt:alert(1))", "<p>[x](JaVaScRiPt:alert(1))</p>\n"),
        ("[x](data:text/html,<b>)", "<p>[x](data:text/html,&lt;b&gt;)</p>\n"),
        ("[x](vbscript:msgbox)", "<p>[x](vbscript:msgbox)</p>\n"),
        ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>\n"),
        (
            '[x](https://a.example "t\\" onmouseover=\\"alert(1)")',
            '<p><a href="https://a.example" title="t&quot; onmouseover=&quot;alert(1)" '
            'rel="noopener nofollow">x</a></p>\n',
        ),
        (
            "![pic](https://a.example/p.png)",
            '<p>!<a href="https://a.example/p.png" rel="noopener nofollow">pic</a></p>\n',
        ),
        (
            "| a |\n|--:|\n| 1 |",
            "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n"
            "</tr>\n</tbody>\n</table>\n",
        ),
    ],
)  # fmt: skip
def test_render_markdown_never_lets_markup_or_script_through(markdown, html):
    assert render_markdown(markdown) == html


@pytest.mark.parametrize("empty", ["", None])
def test_render_markdown_of_nothing_is_empty(empty):
    assert render_markdown(empty) == ""


def test_markdown_filter_in_a_template():
    template = engines["django"].from_string(
        "{% load markup %}<div>{{ text|markdown }}</div><div>{{ text|markdown:4 }}</div>"
    )

    html = template.render({"text": "# Hi <b>"})

    assert html == "<div><h2>Hi &lt;b&gt;</h2>\n</div><div><h4>Hi &lt;b&gt;</h4>\n</div>"


def test_event_page_renders_markdown_fields(client, make_event, make_speaker, add_speaker):
    speaker = make_speaker()
    event = make_event(
        starts_in=-datetime.timedelta(days=3),
        description="Cities **decide**.",
        concept_note="# Objectives\n- build capacity",
        outcome="A [curriculum](https://example.org/c).",
    )
    add_speaker(event, speaker)
    AgendaItem.objects.create(event=event, title="Opening", description="*Short* words")

    html = client.get(event.get_absolute_url()).content.decode()

    assert '<div class="prose"><p>Cities <strong>decide</strong>.</p>\n</div>' in html
    assert '<div class="prose"><h3>Objectives</h3>\n<ul>\n<li>build capacity</li>' in html
    assert '<div class="prose"><p><em>Short</em> words</p>\n</div>' in html
    assert (
        '<div class="prose"><p>A <a href="https://example.org/c" rel="noopener nofollow">'
        "curriculum</a>.</p>\n</div>"
    ) in html


def test_speaker_and_topic_pages_render_markdown(
    client, make_event, make_speaker, add_speaker, topic
):
    speaker = make_speaker(bio="Works on *data*.")
    event = make_event()
    add_speaker(event, speaker)
    topic.description = "Webinars on **e-government**."
    topic.save()

    speaker_html = client.get(speaker.get_absolute_url()).content.decode()
    topic_html = client.get(topic.get_absolute_url()).content.decode()

    assert '<div class="prose" dir="auto"><p>Works on <em>data</em>.</p>\n</div>' in speaker_html
    assert (
        '<div class="prose"><p>Webinars on <strong>e-government</strong>.</p>\n</div>' in topic_html
    )


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("events.Event", "description"),
        ("events.Event", "concept_note"),
        ("events.Event", "outcome"),
        ("events.AgendaItem", "description"),
        ("events.Topic", "description"),
        ("speakers.Speaker", "bio"),
    ],
)
def test_markdown_fields_tell_staff_markdown_is_accepted(model, field):
    help_text = str(apps.get_model(model)._meta.get_field(field).help_text)

    assert "Markdown accepted: **bold**, *italic*, [link text](https://…)" in help_text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("Plain text.", "Plain text."),
        ("## About\n\nOne.\n\nTwo\nlines.", "About\n\nOne.\n\nTwo\nlines."),
        ("**DPI** and *data* and ~~old~~ and `code`", "DPI and data and old and code"),
        ("[UN DESA](https://www.un.org/desa)", "UN DESA (https://www.un.org/desa)"),
        ("<https://example.org/a>", "https://example.org/a"),
        ("[write](mailto:desa@un.org)", "write (mailto:desa@un.org)"),
        ("- a\n- b\n  - c\n\nAfter.", "- a\n- b\n  - c\n\nAfter."),
        ("3. three\n4. four", "3. three\n4. four"),
        ("> Quoted", "Quoted"),
        ("| A | B |\n|---|---|\n| 1 | 2 |", "A; B\n1; 2"),
        ("Tom &amp; Jerry &eacute; \\*x\\*", "Tom & Jerry é *x*"),
        ("<b>raw</b>", "<b>raw</b>"),
    ],
)
def test_render_plain_text_drops_markup_and_keeps_structure(markdown, text):
    assert render_plain_text(markdown) == text


@pytest.mark.parametrize("empty", [None, ""])
def test_render_plain_text_of_nothing_is_empty(empty):
    assert render_plain_text(empty) == ""
