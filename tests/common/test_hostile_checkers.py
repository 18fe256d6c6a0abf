"""The checkers of hostile.py catch real escapes: each is run on output that did escape."""

import pytest
from django.template import engines

from .hostile import (
    MARK,
    PAYLOADS,
    html_escapes,
    ics_escapes,
    json_escapes,
    scan_html,
    xml_escapes,
)

UNSAFE = engines["django"].from_string(
    "<p title=\"{{ t|safe }}\" class='{{ t|safe }}'>{{ t|safe }}</p>"
    '<script type="application/ld+json">{"name": "{{ t|safe }}"}</script>'
)
SAFE = engines["django"].from_string(
    "<p title=\"{{ t }}\" class='{{ t }}'>{{ t }}</p>"
    '<script type="application/ld+json">{"name": "{{ t|escapejs }}"}</script>'
)
# Payloads that cannot break out even when printed raw: no quote, no markup, no line break.
HARMLESS_EVEN_RAW = {
    "\u202exq7z gnp.exe",
    "xq7z \u2028 \u2029 line separators",
    "{{ request.META }} xq7z {% debug %}",
    "[xq7z](javascript:alert(1))",
    "[xq7z](JAVASCRIPT:alert(1))",
    "[xq7z](  javascript:alert(1))",
    "[xq7z](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![xq7z](javascript:alert(1))",
}


def test_html_checker_flags_every_dangerous_payload_printed_raw():
    baseline, _, _ = scan_html(UNSAFE.render({"t": "harmless " + MARK}))

    missed = {p for p in PAYLOADS if not html_escapes(UNSAFE.render({"t": p}), baseline)}

    assert missed == HARMLESS_EVEN_RAW


def test_html_checker_passes_every_payload_escaped():
    baseline, _, _ = scan_html(SAFE.render({"t": "harmless " + MARK}))

    flagged = {p: html_escapes(SAFE.render({"t": p}), baseline) for p in PAYLOADS}

    assert {p: problems for p, problems in flagged.items() if problems} == {}


@pytest.mark.parametrize(
    ("html", "problems"),
    [
        ('<div class="prose"><img src="x"></div>',
         ["<img> inside a Markdown block", "attribute 'src' on <img> inside a Markdown block"]),
        ('<div class="prose"><a href="javascript:x">a</a></div>',
         ["dangerous URL in <a href='javascript:x'>",
          "href='javascript:x' inside a Markdown block"]),
        ('<div class="prose"><a href="ftp://x.org/">a</a></div>',
         ["href='ftp://x.org/' inside a Markdown block"]),
        ('<div class="prose"><p class="x">a</p></div>',
         ["attribute 'class' on <p> inside a Markdown block"]),
        ('<div class="prose"><a href="/" rel="opener">a</a></div>',
         ["rel='opener' inside a Markdown block"]),
        ("<p><!-- xq7z --></p>", ["payload inside an HTML comment"]),
        ("<script>var a = 'xq7z';</script>",
         ["inline executable <script>", "payload inside a <script>"]),
        ("<a href=' java\tscript:x'>a</a>", ["dangerous URL in <a href=' java\\tscript:x'>"]),
        ("<xq7z>", ["injected element <xq7z>"]),
        ("<p data-xq7z=1>", ["injected attribute 'data-xq7z' on <p>"]),
    ],
)  # fmt: skip
def test_html_checker_names_the_problem(html, problems):
    assert html_escapes(html) == problems


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ('{"name": "a"}, "xq7z": 1}',
         "JSON no longer parses: Extra data: line 1 column 14 (char 13)"),
        ('{"name": "a", "xq7z": 1}', "injected JSON key 'xq7z'"),
    ],
)  # fmt: skip
def test_json_checker(document, problem):
    assert json_escapes(document) == [problem]
    assert json_escapes('{"name": "<script>xq7z</script>", "list": [{"a": "xq7z"}]}') == []


FEED = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>W</title>'
    "<item><title>{title}</title><link>{link}</link><description>{description}</description>"
    "</item></channel></rss>"
)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"title": "</title><xq7z>x</xq7z><title>"}, "injected XML element <xq7z>"),
        ({"title": "a & b"},
         "XML no longer parses: not well-formed (invalid token): line 2, column 60"),
        ({"link": "javascript:alert(1)"}, "dangerous URL in <link>javascript:alert(1)</link>"),
        ({"description": "&lt;img src=x onerror=alert(1)&gt;"},
         "injected attribute 'onerror' on <img>"),
        ({"title": '<!DOCTYPE x [<!ENTITY e "x">]>'}, "DOCTYPE or ENTITY declaration in the feed"),
    ],
)  # fmt: skip
def test_xml_checker(fields, problem):
    values = {"title": "T xq7z", "link": "https://example.org/", "description": "D"} | fields

    assert xml_escapes(FEED.format(**values)) == [problem]
    assert (
        xml_escapes(
            FEED.format(
                title="&lt;b&gt;xq7z", link="https://e.org/", description="&lt;b&gt;ok&lt;/b&gt;"
            )
        )
        == []
    )


CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1@example.org\r\n"
    "SUMMARY:{summary}\r\nDTSTART:20310101T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize(
    ("summary", "problem"),
    [
        ("a\r\nX-INJECTED-XQ7Z:1", "injected property 'X-INJECTED-XQ7Z'"),
        ("a\r\nSUMMARY:second", "SUMMARY repeated in VEVENT"),
        ("a\r\nEND:VEVENT", "END:VEVENT without its BEGIN"),
        ("a\nb", "bare CR or LF: lines not separated by CRLF"),
        ("a\r\n<script>", "not a content line: '<script>'"),
    ],
)
def test_ics_checker(summary, problem):
    assert problem in ics_escapes(CALENDAR.format(summary=summary))


def test_ics_checker_passes_escaped_and_folded_text():
    summary = "xq7z\\nBEGIN:VEVENT\\, \\; long\r\n  folded <script>"

    assert ics_escapes(CALENDAR.format(summary=summary)) == []
