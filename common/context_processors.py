from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject

from .languages import language_links, site_name

#: The sharing image of pages without one of their own (a 1200×630 PNG in static/).
DEFAULT_SHARE_IMAGE = "img/share-default.png"


def site(request):
    """`site_name` (str); `canonical_url`: this page's absolute address without its query
    string, except for a page number above 1 (each page of a list is its own);
    `default_share_image`: the absolute URL of the site's sharing image, for og:image; and
    `language_links`: this page in each language (common.languages.language_links)."""
    canonical = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isascii() and page.isdigit() and len(page) <= 9 and int(page) > 1:
        canonical += f"?page={int(page)}"
    return {
        "site_name": site_name(),
        "canonical_url": canonical,
        "default_share_image": request.build_absolute_uri(static(DEFAULT_SHARE_IMAGE)),
        "language_links": SimpleLazyObject(lambda: language_links(request)),
    }
