"""Long lists a page at a time: the people list, the work queue, a column of the board."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_PARAM = "trang"


@dataclass(frozen=True)
class Paging:
    """One page of a list and the links to the others: page numbers, with "…" where a
    run of them is left out (1 2 3 … 9 10 11 … 40)."""

    page: Page[Any]
    links: list[int | str]

    @property
    def several(self) -> bool:
        return self.page.paginator.num_pages > 1


def paginate(request: HttpRequest, items: Sequence[Any] | Any, per_page: int) -> Paging:
    """The page of ``items`` the request asks for (``?trang=``): the last page for a
    number past it, the first for anything that is not a number."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get(PAGE_PARAM))
    links = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return Paging(page, [link if isinstance(link, int) else "…" for link in links])
