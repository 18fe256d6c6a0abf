"""Pagination that stays quick on tables of many thousand rows."""

from django.core.paginator import Paginator
from django.db.models import QuerySet


class NarrowSortPaginator(Paginator):
    """A Paginator whose pages are found by sorting primary keys, not whole rows.

    page(n) runs one query: the rows whose key is among the n-th slice of the ordered
    keys (`WHERE pk IN (SELECT pk ... ORDER BY ... LIMIT per_page OFFSET ...)`), in the
    same order, with the QuerySet's deferrals and prefetches. On thousands of wide rows
    the database then sorts a few bytes a row in memory instead of whole rows on disk.
    An object_list that is not a QuerySet is paginated as Paginator does.
    """

    def page(self, number):
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)
