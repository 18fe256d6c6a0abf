"""NarrowSortPaginator gives the same pages as Django's Paginator, by a narrower sort."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.pagination import NarrowSortPaginator
from events.models import Event

DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize("orphans", [0, 2])
def test_pages_hold_the_same_rows_in_the_same_order_as_paginator(make_event, orphans):
    # Ties on the start (the sort goes on to the next key), past and upcoming events.
    for n in range(23):
        make_event(title=f"Event {n}", starts_in=(n // 3 - 4) * DAY)
    events = Event.objects.published().upcoming_then_past().for_cards()

    plain = Paginator(events, 5, orphans=orphans)
    narrow = NarrowSortPaginator(events, 5, orphans=orphans)

    assert narrow.num_pages == plain.num_pages > 1
    for number in plain.page_range:
        assert [e.pk for e in narrow.page(number)] == [e.pk for e in plain.page(number)]


def test_a_page_is_one_query_whose_sort_selects_only_keys(make_event):
    for n in range(8):
        make_event(title=f"Event {n}", starts_in=n * DAY)
    paginator = NarrowSortPaginator(Event.objects.published().order_by("start"), 3)
    assert paginator.count == 8  # the COUNT, before the page

    with CaptureQueriesContext(connection) as queries:
        titles = [e.title for e in paginator.page(2)]

    assert titles == ["Event 3", "Event 4", "Event 5"]
    (sql,) = [q["sql"] for q in queries]
    inner = sql[sql.index("IN (SELECT") :]
    assert inner.startswith('IN (SELECT U0."id"') and "title" not in inner


def test_a_list_that_is_not_a_queryset_is_paginated_as_usual():
    page = NarrowSortPaginator(list(range(10)), 4).page(3)
    assert list(page) == [8, 9]
