"""Staff-written Markdown to safe HTML: markdown-it-py renders, nh3 sanitises.

Markdown accepted: paragraphs (a single line break is kept), **bold**, *italic*, ~~struck~~,
[links](https://…), <https://…>, lists, > quotes, `code`, headings (#) and tables. Raw HTML
is shown as text, images are not rendered (upload documents as materials instead).
render_plain_text() gives the same Markdown as plain text, for calendar files and e-mail.
"""

import functools
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

#: rel of links that leave the site.
EXTERNAL_REL = "noopener nofollow"

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "s", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "hr", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip

#: What may survive sanitising: tags, attributes per tag, link schemes.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    tag_attribute_values={"a": {"rel": {EXTERNAL_REL}}},
    link_rel=None,
    url_schemes=ALLOWED_URL_SCHEMES,
)


def _adjust_tokens(state):
    """Core rule: shift headings so that `#` becomes <h{heading_level}> (never past h6) and
    mark links to other sites with rel="noopener nofollow"."""
    top = state.env["heading_level"]
    hosts = set(state.env["allowed_hosts"])
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + top - 1)}"
        for child in token.children or ():
            if child.type == "link_open":
                href = child.attrGet("href") or ""
                if not url_has_allowed_host_and_scheme(href, hosts):
                    child.attrSet("rel", EXTERNAL_REL)


_markdown = (
    MarkdownIt("commonmark", {"html": False, "breaks": True})
    .enable(["table", "strikethrough"])
    .disable(["image"])
)
_markdown.core.ruler.push("webinar_site_adjust", _adjust_tokens)


@functools.lru_cache(maxsize=256)
def _render(text, heading_level, allowed_hosts):
    env = {"heading_level": heading_level, "allowed_hosts": allowed_hosts}
    return _cleaner.clean(_markdown.render(text, env))


def render_markdown(text, heading_level=2):
    """HTML (a SafeString) for the Markdown `text` (str; None gives "").

    heading_level: the <h> level that a `#` heading gets (2 to 6); deeper ones follow.
    Links to other sites get rel="noopener nofollow"; only http, https and mailto links
    survive; any HTML that the renderer emits is sanitised by nh3 with an allow-list.
    """
    if not text:
        return SafeString("")
    level = max(2, min(6, int(heading_level)))
    return mark_safe(_render(str(text), level, tuple(settings.ALLOWED_HOSTS)))


def _inline_plain(children):
    """The text of one inline token's children: emphasis dropped, breaks kept, a link's text
    followed by its address in parentheses (once, when the text is not the address)."""
    parts, links = [], []
    for token in children or ():
        if token.type in ("text", "text_special", "code_inline", "html_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif token.type == "link_open":
            links.append((token.attrGet("href") or "", len(parts)))
        elif token.type == "link_close" and links:
            href, first = links.pop()
            label = "".join(parts[first:]).strip()
            if urlsplit(href).scheme in ALLOWED_URL_SCHEMES and label not in (
                href,
                href.removeprefix("mailto:"),
            ):
                parts.append(f" ({href})")
    return "".join(parts)


@functools.lru_cache(maxsize=256)
def _plain(text):
    tokens = _markdown.parse(text, {"heading_level": 2, "allowed_hosts": ()})
    lines = []
    lists = []  # per open list: the next number (ordered) or None (bullets)
    marker = ""  # the "- " or "3. " waiting for the first line of a list item
    row = None  # cells of the table row being read

    def add(text):
        nonlocal marker
        indent = "  " * max(0, len(lists) - 1)
        for line in text.split("\n"):
            lines.append(f"{indent}{marker or ('  ' if lists else '')}{line}".rstrip())
            marker = ""

    def gap():
        if not lists and lines and lines[-1] != "":
            lines.append("")

    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            lists.append(None)
        elif kind == "ordered_list_open":
            lists.append(int(token.attrGet("start") or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            gap()
        elif kind == "list_item_open":
            if lists[-1] is None:
                marker = "- "
            else:
                marker = f"{lists[-1]}. "
                lists[-1] += 1
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            add("; ".join(cell for cell in row if cell))
            row = None
        elif kind == "inline":
            content = _inline_plain(token.children)
            if row is not None:
                row.append(" ".join(content.split()))
            else:
                add(content)
        elif kind in ("fence", "code_block"):
            add(token.content.rstrip("\n"))
            gap()
        elif kind in ("paragraph_close", "heading_close", "table_close", "hr"):
            gap()
    return "\n".join(lines).strip()


def render_plain_text(text):
    """Readable plain text (str, lines separated by "\\n") for the Markdown `text` (str; None
    gives ""), for places that cannot show HTML such as calendar files.

    Paragraphs and headings are separated by a blank line, list items start their own line
    with "- " or their number (nested ones indented by two spaces), table rows become lines
    of cells separated by "; ", a link reads "text (https://…)" (its http, https or mailto
    address; only the address when the text is the address). Emphasis and other markup
    characters are dropped; entities are decoded. Raw HTML stays as written, as on the page.
    """
    if not text:
        return ""
    return _plain(str(text))
