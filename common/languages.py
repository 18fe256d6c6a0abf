"""The page's language comes from its address, and only from there.

English pages keep their unprefixed addresses (/events/...); the other five UN languages
live under /ar/, /zh-hans/, /fr/, /ru/ and /es/ (i18n_patterns with prefix_default_language
off, webinar_site/urls.py). Nothing else picks the language of a public page: not the
browser's Accept-Language, not a cookie. A page is therefore the same for everyone who asks
for its address, which is what the page cache (keyed on the address) and shared links need.

The admin is the exception: it is never cached and speaks the staff member's own language,
negotiated from Accept-Language as Django does.
"""

import functools
from collections.abc import Sequence

from django.conf import settings
from django.contrib import sitemaps
from django.db.models import Q
from django.http import HttpResponsePermanentRedirect
from django.urls import get_urlconf, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import get_language_info, gettext, gettext_noop


def language_from_path(path):
    """The language code (str) of a public address: its prefix ("fr" for /fr/events/), else
    LANGUAGE_CODE. `path` is a request's path_info."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def english_prefix_target(path):
    """The unprefixed address (str) for an address under /en/ (English has none), else None:
    "/en/events/" gives "/events/", "/en" gives "/"."""
    prefix = f"/{settings.LANGUAGE_CODE}"
    if path == prefix or path.startswith(prefix + "/"):
        # One leading slash only: "/en//example.org" must not become "//example.org".
        return "/" + path[len(prefix) :].lstrip("/")
    return None


class PathLocaleMiddleware:
    """Activate the language of the address (public pages) or of the browser (the admin).

    /en/… answers 301 to the same address without the prefix, query string kept. Public
    responses carry Content-Language and no Vary: Accept-Language; admin responses vary on it.
    Replaces django.middleware.locale.LocaleMiddleware, which would negotiate unprefixed
    English addresses from the browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = f"/{settings.ADMIN_URL}"

    def __call__(self, request):
        path = request.path_info
        target = english_prefix_target(path)
        if target is not None:
            query = request.META.get("QUERY_STRING", "")
            script = request.META.get("SCRIPT_NAME", "")
            location = f"{script}{target}" + (f"?{query}" if query else "")
            return HttpResponsePermanentRedirect(location)
        is_admin = path.startswith(self.admin_prefix)
        if is_admin:
            language = translation.get_language_from_request(request, check_path=False)
        else:
            language = language_from_path(path)
        # Only for this request: the thread's language is put back afterwards.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        if is_admin:
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


#: The default SITE_NAME, in the catalogues so that the header names the site in each language.
DEFAULT_SITE_NAME = gettext_noop("UN DESA Capacity-Building Webinars")


def site_name():
    """SITE_NAME (str) in the active language: the catalogue's translation when it is the
    default name (or another name the catalogues hold), else as the operator wrote it."""
    return gettext(settings.SITE_NAME)


@functools.cache
def language_name(code):
    """A language's name in itself, as a switcher shows it: "العربيّة", "简体中文", "English",
    "Français", "Русский", "Español" (Django's names, with a capital where the script has
    them)."""
    name = get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]


@functools.lru_cache(maxsize=4096)
def translated_paths(path, language, codes, urlconf):
    """(code, path) for each of `codes` (LANGUAGES' codes, a tuple of str): `path` (an
    address without query string, in `language`, the active one) as Django's translate_url
    gives it in that language. Kept for the 4,096 latest addresses: each would otherwise
    cost a resolve and a reverse per language on every render. `urlconf` (ROOT_URLCONF or
    the request's) is part of the key only."""
    return tuple((code, translate_url(path, code)) for code in codes)


def language_links(request):
    """The same page in every language of LANGUAGES, for the switcher and hreflang.

    A list of dicts: `code` ("zh-hans"), `name` (the language's own name, "中文"), `path`
    (this page's address in that language, query string kept: the switcher) and `url` (the
    absolute address without the query string except ?page=N: the hreflang alternates), and
    `current` (bool). Addresses outside i18n_patterns give the same address for all.
    """
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    page = request.GET.get("page", "")
    numbered = page.isascii() and page.isdigit() and len(page) <= 9 and int(page) > 1
    page_query = f"?page={int(page)}" if numbered else ""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    codes = tuple(code for code, _name in settings.LANGUAGES)
    paths = translated_paths(request.path, current, codes, urlconf)
    origin = request.build_absolute_uri("/")[:-1]
    return [
        {
            "code": code,
            "name": language_name(code),
            "path": f"{path}?{query}" if query else path,
            "url": origin + path + page_query,
            "current": code == current,
        }
        for code, path in paths
    ]


class Sitemap(sitemaps.Sitemap):
    """A sitemap listing each item once per language, each entry with its hreflang
    alternates and x-default (the English address)."""

    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        # Django's own builds the (item, language) list of every item to paginate it: each
        # sitemap page, and the index, would load all 10,000 webinars. Every item is in
        # every language, so one COUNT gives the length and a page loads only its items.
        return ItemsInLanguages(self.items(), self._languages())


class ItemsInLanguages(Sequence):
    """(item, language code) pairs of `items` (a QuerySet or list) × `languages`, item by
    item, for Paginator: len() is one COUNT, a slice loads only the items it covers."""

    def __init__(self, items, languages):
        self.items, self.languages = items, list(languages)

    @cached_property
    def _length(self):
        count = self.items.count() if hasattr(self.items, "query") else len(self.items)
        return count * len(self.languages)

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            item, language = divmod(index if index >= 0 else len(self) + index, len(self.languages))
            return (self.items[item], self.languages[language])
        start, stop, step = index.indices(len(self))
        if start >= stop:
            return []
        size = len(self.languages)
        first, last = start // size, -(-stop // size)
        pairs = [(item, code) for item in self.items[first:last] for code in self.languages]
        return pairs[start - first * size : stop - first * size : step]


class LanguageWidgetsMixin:
    """For ModelAdmins and inlines with translated fields (django-modeltranslation): each
    field's box is marked with its language, `lang="ar"` and `dir="rtl"` for Arabic
    whatever the admin's own language, so staff type and read it the right way round."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        code = translated_field_language(db_field.name)
        if field is not None and code:
            field.widget.attrs.update(
                {"lang": code, "dir": "rtl" if get_language_info(code)["bidi"] else "ltr"}
            )
        return field


def translated_field_language(name):
    """The language code of a translation column's name ("title_zh_hans" gives "zh-hans"),
    or None for another name."""
    for code, _name in settings.LANGUAGES:
        if name.endswith("_" + code.replace("-", "_")):
            return code
    return None


def language_columns(name):
    """The translation columns of a translated field (django-modeltranslation), in the order
    of LANGUAGES: "title" gives ["title_en", "title_ar", "title_zh_hans", ...]. `name` may be
    a lookup path ("speaker__organization")."""
    return [f"{name}_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES]


def in_any_language(path, lookup, value):
    """A Q matching `value` in any language's column of a translated field: path
    "title" or "speaker__organization", lookup "icontains" gives title_en__icontains |
    title_ar__icontains | ... (a plain filter on a translated field looks only in the
    active language's column)."""
    query = Q()
    for column in language_columns(path):
        query |= Q(**{f"{column}__{lookup}": value})
    return query
