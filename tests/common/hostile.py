"""Hostile input: a corpus of XSS and injection payloads, and checkers that tell whether any
of it escaped its context in a response.

Every payload carries MARK, so a checker can tell injected names from the site's own, and a
test can tell that the payload was rendered at all. To cover a new kind of response (a feed,
an .ics file, a JSON endpoint), add its content type to CHECKERS; to cover a new page, add a
Page to PAGES in test_hostile_input.py.

Checkers take the response body (str) and return a list of problems (str); [] means that
nothing escaped.
"""

import json
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from html.parser import HTMLParser

from common.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, EXTERNAL_REL

MARK = "xq7z"

PAYLOADS = [
    # Script and event handlers in text.
    "<script>alert('xq7z')</script>",
    "<SCRIPT SRC=//evil.example/xq7z.js></SCRIPT>",
    "<img src=x onerror=alert('xq7z')>",
    "<svg/onload=alert('xq7z')>",
    "<svg><script>alert('xq7z')</script></svg>",
    "<body onload=alert('xq7z')>",
    "<details open ontoggle=alert('xq7z')>",
    "<input autofocus onfocus=alert('xq7z')>",
    "<video><source onerror=alert('xq7z')></video>",
    "<marquee onstart=alert('xq7z')>",
    "<scr<script>ipt>alert('xq7z')</scr</script>ipt>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xq7z')>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('xq7z')>\">",
    "<template><script>alert('xq7z')</script></template>",
    # Breaking out of an attribute, a title, a textarea, a script or a comment.
    "\"><script>alert('xq7z')</script>",
    "'><script>alert('xq7z')</script>",
    "\" onmouseover=\"alert('xq7z')",
    "' onmouseover='alert(\"xq7z\")",
    '" autofocus onfocus="alert(\'xq7z\')" x="',
    "</title><script>alert('xq7z')</script>",
    "</textarea><script>alert('xq7z')</script>",
    "</script><script>alert('xq7z')</script>",
    "--><script>alert('xq7z')</script><!--",
    "<!--xq7z--><script>alert(1)</script>",
    "<![CDATA[<script>alert('xq7z')</script>]]>",
    # Dangerous URLs and elements that load or navigate.
    "<a href=\"javascript:alert('xq7z')\">click</a>",
    "<a href=\"&#106;avascript:alert('xq7z')\">click</a>",
    "<a href=\"jav&#x09;ascript:alert('xq7z')\">click</a>",
    '<a href="https://evil.example/login">xq7z sign in again</a>',
    "<iframe src=\"javascript:alert('xq7z')\"></iframe>",
    "<iframe srcdoc=\"<script>alert('xq7z')</script>\"></iframe>",
    "<object data=\"data:text/html,<script>alert('xq7z')</script>\"></object>",
    "<embed src=\"javascript:alert('xq7z')\">",
    "<form action=\"javascript:alert('xq7z')\"><button>go</button></form>",
    "<button formaction=\"javascript:alert('xq7z')\">go</button>",
    '<base href="https://evil.example/xq7z/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/xq7z">',
    "<link rel=stylesheet href=https://evil.example/xq7z.css>",
    "<style>@import 'https://evil.example/xq7z.css';</style>",
    "<div style=\"background:url(javascript:alert('xq7z'))\">x</div>",
    # Encodings and pre-escaped text (must stay literally what was typed).
    "%3Cscript%3Ealert('xq7z')%3C/script%3E",
    "&lt;script&gt;alert('xq7z')&lt;/script&gt;",
    "\\u003cscript\\u003ealert('xq7z')\\u003c/script\\u003e",
    "\u202exq7z gnp.exe",
    "xq7z \u2028 \u2029 line separators",
    'xq7z \\"; alert(1); //',
    # Template, SQL and expression injection.
    "{{ request.META }} xq7z {% debug %}",
    "${alert('xq7z')} #{xq7z} <%= xq7z %>",
    "'; DROP TABLE events_event; -- xq7z",
    '" OR 1=1 -- xq7z',
    "1' UNION SELECT password FROM auth_user -- xq7z",
    # JSON-LD, feeds (XML) and calendars (iCalendar) broken from inside a value.
    '"},"@type":"xq7z","x":{"',
    "\\\"}]}</script><script>alert('xq7z')</script>",
    "]]></description><item><title>xq7z</title></item><description><![CDATA[",
    "</title><link>https://evil.example/xq7z</link><title>",
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;xq7z',
    "xq7z\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT",
    "xq7z\nX-INJECTED-XQ7Z:1",
    "xq7z;X-PARAM=1:value\r\n DESCRIPTION:folded",
    # Markdown fields: links and images with dangerous targets.
    "[xq7z](javascript:alert(1))",
    "[xq7z](JAVASCRIPT:alert(1))",
    "[xq7z](  javascript:alert(1))",
    "[xq7z](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![xq7z](javascript:alert(1))",
    "<javascript:alert('xq7z')>",
    "[xq7z][r]\n\n[r]: javascript:alert(1)",
    '[xq7z](https://example.org "t\\" onmouseover=\\"alert(1)")',
    "`<script>xq7z</script>`\n\n    <script>xq7z</script>",
    # URLs that pass the http(s) check yet carry markup.
    "https://example.org/\"><script>alert('xq7z')</script>",
    "https://example.org/?q=xq7z'onmouseover='alert(1)",
    'https://example.org/#xq7z"><img src=x onerror=alert(1)>',
    "http://xq7z.example.org/path?a=1&b=<b>2</b>",
]

# Attributes whose value is fetched or navigated to.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "cite"}
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def dangerous_url(value):
    """True for a URL a browser would run or render as a document (javascript:, data: ...)."""
    return bool(DANGEROUS_SCHEME.match(_INVISIBLE.sub("", value or "")))


class _Scanner(HTMLParser):
    """Collects the page's structure outside the Markdown blocks, and problems inside them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.structure = Counter()
        self.problems = []
        self.in_prose = False
        self.script_type = None
        self.script_text = []
        self.text = []

    def _attribute_problems(self, tag, attrs):
        for name, value in attrs:
            if MARK in name.lower() or name.lower().startswith("on"):
                self.problems.append(f"injected attribute {name!r} on <{tag}>")
            if name.lower() in URL_ATTRIBUTES and dangerous_url(value):
                self.problems.append(f"dangerous URL in <{tag} {name}={value!r}>")
            if name.lower() in ("srcdoc", "style") and MARK in (value or ""):
                self.problems.append(f"payload in <{tag} {name}=…>")

    def handle_starttag(self, tag, attrs):
        self.text.extend(value or "" for _, value in attrs)
        if MARK in tag:
            self.problems.append(f"injected element <{tag}>")
        self._attribute_problems(tag, attrs)
        if self.in_prose:
            self._check_prose_element(tag, attrs)
            return
        self.structure[(tag, tuple(sorted(name for name, _ in attrs)))] += 1
        if tag == "div" and ("class", "prose") in attrs:
            self.in_prose = True
        if tag == "script":
            self.script_type = dict(attrs).get("type") or "text/javascript"
            self.script_text = []
            if "src" not in dict(attrs) and "json" not in self.script_type:
                self.problems.append("inline executable <script>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def _check_prose_element(self, tag, attrs):
        """Inside a rendered Markdown block: only what the sanitiser allows."""
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}> inside a Markdown block")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"attribute {name!r} on <{tag}> inside a Markdown block")
            elif name == "rel" and value != EXTERNAL_REL:
                self.problems.append(f"rel={value!r} inside a Markdown block")
            elif name == "href" and ":" in value.split("/")[0]:
                if value.split(":")[0].lower() not in ALLOWED_URL_SCHEMES:
                    self.problems.append(f"href={value!r} inside a Markdown block")

    def handle_endtag(self, tag):
        if self.in_prose and tag == "div":  # the sanitiser lets no <div> in: this ends it
            self.in_prose = False
        if tag == "script" and self.script_type is not None:
            self._check_script("".join(self.script_text))
            self.script_type = None

    def handle_data(self, data):
        if self.script_type is not None:
            self.script_text.append(data)
        else:
            self.text.append(data)

    def handle_comment(self, data):
        if MARK in data:
            self.problems.append("payload inside an HTML comment")

    def _check_script(self, text):
        if "json" in self.script_type and text.strip():
            self.problems.extend(json_escapes(text))
        elif MARK in text:
            self.problems.append("payload inside a <script>")


def scan_html(html):
    """(structure, problems, text) of an HTML page.

    structure: Counter of (tag, attribute names) outside Markdown blocks, to compare with
    the same page rendered from harmless text; problems: list of str; text: the page's
    text and attribute values, unescaped.
    """
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.structure, scanner.problems, "".join(scanner.text)


def html_escapes(html, baseline=None):
    """Problems in an HTML page; with `baseline` (the structure of the same page rendered
    from harmless text) also every element or attribute that the payload added."""
    structure, problems, _ = scan_html(html)
    if baseline is not None and structure != baseline:
        added = structure - baseline
        missing = baseline - structure
        problems.append(f"page structure changed: added {dict(added)}, lost {dict(missing)}")
    return problems


def json_escapes(text):
    """Problems in a JSON document (or JSON-LD block): it must parse, and the payload may
    only be inside string values, never a key."""
    try:
        document = json.loads(text)
    except ValueError as error:
        return [f"JSON no longer parses: {error}"]
    problems = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if MARK in key.lower():
                    problems.append(f"injected JSON key {key!r}")
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return problems


#: Elements of a feed whose text is HTML (escaped) that a feed reader renders.
XML_HTML_ELEMENTS = {"description", "summary", "content", "encoded"}


def xml_escapes(text):
    """Problems in an XML document (RSS or Atom feed): it must parse, the payload may not
    name an element or attribute, no DOCTYPE may appear, and HTML carried in descriptions
    must itself be free of injected markup."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return ["DOCTYPE or ENTITY declaration in the feed"]
    try:
        root = ElementTree.fromstring(text.encode())
    except ElementTree.ParseError as error:
        return [f"XML no longer parses: {error}"]
    problems = []
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        if MARK in local.lower():
            problems.append(f"injected XML element <{local}>")
        problems.extend(f"injected XML attribute {a!r}" for a in element.attrib if MARK in a)
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] in URL_ATTRIBUTES and dangerous_url(value):
                problems.append(f"dangerous URL in <{local} {name}={value!r}>")
        if local == "link" and dangerous_url(element.text or ""):
            problems.append(f"dangerous URL in <link>{element.text}</link>")
        if local in XML_HTML_ELEMENTS and element.text:
            problems.extend(html_escapes(element.text))
    return problems


#: iCalendar properties that may appear at most once in a component (RFC 5545 §3.6.1).
ICS_SINGLE = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "URL"}
_ICS_NAME = re.compile(r"^[A-Za-z0-9-]+$")


def ics_escapes(text):
    """Problems in an iCalendar file: lines must be folded content lines whose property and
    parameter names are not the payload's, BEGIN/END must pair up, and no single-valued
    property may repeat inside a component (what a smuggled "\\r\\nSUMMARY:…" would do)."""
    problems = []
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    if re.search(r"\r(?!\n)|(?<!\r)\n", unfolded):
        problems.append("bare CR or LF: lines not separated by CRLF")
    stack = []
    for line in filter(None, re.split(r"\r\n|\r|\n", unfolded)):
        head, colon, value = _split_content_line(line)
        if not colon:
            problems.append(f"not a content line: {line[:60]!r}")
            continue
        name, *params = head.split(";")
        if not _ICS_NAME.match(name) or MARK in name.lower():
            problems.append(f"injected property {name!r}")
        for param in params:
            param_name = param.split("=", 1)[0]
            if MARK in param_name.lower() or not _ICS_NAME.match(param_name):
                problems.append(f"injected parameter {param_name!r}")
        name = name.upper()
        if name == "BEGIN":
            stack.append((value, Counter()))
        elif name == "END":
            if not stack or stack[-1][0] != value:
                problems.append(f"END:{value} without its BEGIN")
            else:
                stack.pop()
        elif stack:
            seen = stack[-1][1]
            seen[name] += 1
            if name in ICS_SINGLE and seen[name] > 1:
                problems.append(f"{name} repeated in {stack[-1][0]}")
    if stack:
        problems.append(f"BEGIN:{stack[-1][0]} never ends")
    return problems


def _split_content_line(line):
    """Split at the first colon outside a quoted parameter value: (head, ":", value)."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], ":", line[index + 1 :]
    return line, "", ""


#: Content type (without parameters) -> checker(body) -> problems.
CHECKERS = {
    "text/html": html_escapes,
    "application/json": json_escapes,
    "application/ld+json": json_escapes,
    "application/rss+xml": xml_escapes,
    "application/atom+xml": xml_escapes,
    "application/xml": xml_escapes,
    "text/xml": xml_escapes,
    "text/calendar": ics_escapes,
}


def response_escapes(response, baseline=None):
    """Problems in a Django test response, by its content type (see CHECKERS)."""
    content_type = response.headers["Content-Type"].split(";")[0].strip()
    body = response.content.decode(response.charset or "utf-8")
    if content_type == "text/html":
        return html_escapes(body, baseline)
    return CHECKERS[content_type](body)
