"""Staff-written Markdown to safe HTML: markdown-it-py renders, nh3 sanitises.

Markdown accepted: paragraphs (a single line break is kept), **bold**, *italic*, ~~struck~~,
[links](https://…), <https://…>, lists, > quotes, `code`, headings (#) and tables. Raw HTML
is shown as text, images are not rendered (upload documents as materials instead).
"""

import functools

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
