"""Counting the SQL queries a page costs, for the flat-query-count tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """GET `url` with `client` (must answer 200); return how many SQL queries it ran (int)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
