"""Pages of a list: `?page=N&per_page=M`, with the count, the number of pages and the links
to the next and the previous page. A page past the last is a 404 that says the last."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja.errors import HttpError
from pydantic import Field

PER_PAGE = 50
MAX_PER_PAGE = 200


class Paging(Schema):
    page: int = Field(1, ge=1, le=100_000, description="The page, from 1.")
    per_page: int = Field(PER_PAGE, ge=1, le=MAX_PER_PAGE, description="Results per page.")


PagingQuery = Query[Paging]


def link(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def no_such_page(wanted: int, last: int) -> str:
    return _("There is no page %(page)s: the last page is %(last)s.") % {
        "page": wanted,
        "last": last,
    }


def page(request, items, paging: Paging, serialize, *, count: int | None = None) -> dict:
    """One page of `items` (a queryset or a list), each made a dict by `serialize`."""
    paginator = Paginator(items, paging.per_page)
    if count is not None:
        paginator.count = count  # known already (the library's facets): no second count
    if paging.page > paginator.num_pages:
        raise HttpError(404, no_such_page(paging.page, paginator.num_pages))
    current = paginator.page(paging.page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "per_page": paging.per_page,
        "next": link(request, current.number + 1) if current.has_next() else None,
        "previous": link(request, current.number - 1) if current.has_previous() else None,
        "results": [serialize(item) for item in current.object_list],
    }
