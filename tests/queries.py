"""Counting the SQL queries a page costs, for the flat-query-count tests.

Those tests render a page for one related row and for many, compare the two counts, and
check that the page is the right one, so that a 404 or an empty page cannot pass.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url, data=None, cold=True):
    """GET `url` (with the query parameters `data`, a dict) through `client`.

    Returns (the number of SQL queries the request ran, the response). Fails the test
    unless the response is 200 OK. `cold`: empty the cache first, so that nothing an
    earlier request stored (a page, a fragment, the next clock change) lowers the count
    of this one; False counts the request as it comes.
    """
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries), response
