"""The page a client asks for, read from `?limit=&offset=` with the same bounds on every list."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query

from radiant_contracts.api import PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, PAGE_OFFSET_MAX, PageRequest


def page_query(default_limit: int = PAGE_LIMIT_DEFAULT) -> Any:
    """Dependency for a list endpoint: `page: Annotated[PageRequest, page_query()]`."""

    async def _page(
        limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT_MAX, description="Items per page")] = default_limit,
        offset: Annotated[int, Query(ge=0, le=PAGE_OFFSET_MAX, description="Items to skip")] = 0,
    ) -> PageRequest:
        return PageRequest(limit=limit, offset=offset)

    return Depends(_page)


#: The usual page parameter (default limit 50).
PageParams = Annotated[PageRequest, page_query()]
