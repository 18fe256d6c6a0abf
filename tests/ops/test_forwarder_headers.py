"""gunicorn takes no SCRIPT_NAME or PATH_INFO from a client (issue 9, page-cache poisoning)."""

import http.client

import pytest

from tests.html_tags import find_tags

from .conftest import DEMO_SLUG

pytestmark = pytest.mark.servers

EVENT_PAGE = f"/events/{DEMO_SLUG}/"


def _get(instance, path, headers):
    conn = http.client.HTTPConnection("127.0.0.1", instance.port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{instance.port}", **headers})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def _title(text):
    return text.split("<title>")[1].split("</title>")[0]


@pytest.mark.parametrize("header", ["SCRIPT_NAME", "PATH_INFO"])
def test_client_script_name_header_changes_neither_route_nor_cache(instances, header):
    first, _ = instances
    value = EVENT_PAGE.rstrip("/") if header == "SCRIPT_NAME" else "/"
    _, home = _get(first, "/", {})

    status, sent = _get(first, EVENT_PAGE, {header: value})
    _, later = _get(first, EVENT_PAGE, {})

    assert status == 200
    assert _title(sent) != _title(home)  # routed on the real path, not the header
    assert _title(later) == _title(sent)
    assert [t["class"] for t in find_tags(later, "article")] == ["event"]  # the event page
