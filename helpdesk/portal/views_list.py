"""The ticket list: scope tabs, filter panel, sort, keyset pages (SPEC §1.1)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from cms.core.versioned_cache import version

from ..models.versions import PORTAL_CONFIG
from ..tickets.query import QueryError, ticket_page
from ..tickets.selectors import tickets_visible_to
from .access import contact_required, schema_for
from .filters import FilterForm, active_filter_count
from .list_rows import fetch_list_rows, list_rows

PAGE_SIZE = 25


def render_query_error(request, error: QueryError):
    """The portal's 400 page: what was refused and a way back to the unfiltered list."""
    problems = [
        {"name": name, "messages": messages} for name, messages in error.message_dict.items()
    ]
    return render(request, "helpdesk/tickets/bad_request.html", {"problems": problems}, status=400)


def _query(params, drop=(), **values):
    """The current query string without `drop` and with `values` set (for links)."""
    query = params.copy()
    for name in (*drop, *values):
        query.pop(name, None)
    for name, value in values.items():
        query[name] = value
    return query.urlencode()


@contact_required(explain=True)
def ticket_list(request):
    contact = request.contact
    schema = schema_for(request)
    tickets = tickets_visible_to(request.user)
    try:
        page = ticket_page(
            tickets,
            schema=schema,
            params=request.GET,
            user=request.user,
            page_size=PAGE_SIZE,
            fetch=fetch_list_rows,
        )
    except QueryError as error:
        return render_query_error(request, error)
    scope = request.GET.get("scope") or ("company" if contact.is_main_contact else "mine")
    # Built only when the cached filter panel is rendered again (its requester choices cost a
    # query and its ~40 fields a few milliseconds on every page otherwise).
    form = SimpleLazyObject(lambda: FilterForm(request.GET, schema=schema, contact=contact))
    next_url = f"?{_query(request.GET, cursor=page.next_cursor)}" if page.next_cursor else None
    context = {
        "page": page,
        "rows": list_rows(page.tickets),
        "filter_form": form,
        "filters_active": active_filter_count(request.GET),
        "columns": {
            "status": schema.get("status").visible,
            "priority": schema.get("priority").visible,
        },
        "scope": scope,
        "is_main_contact": contact.is_main_contact,
        "customer": contact.customer,
        "scope_mine_query": _query(request.GET, ["cursor"], scope="mine"),
        "scope_company_query": _query(request.GET, ["cursor"], scope="company"),
        "is_first_page": not request.GET.get("cursor"),
        "first_page_query": _query(request.GET, ["cursor"]),
        "filter_cache_key": (
            version(PORTAL_CONFIG),
            contact.customer_id,
            contact.is_main_contact,
            _query(request.GET, ["cursor"]),
        ),
        "next_url": next_url,
        "export_url": (
            f"{reverse('tickets:export')}?{_query(request.GET, ['cursor'])}"
            if contact.is_main_contact
            else None
        ),
        "searching": bool(page.filters) or bool(request.GET.get("q")),
    }
    return render(request, "helpdesk/tickets/list.html", context)
