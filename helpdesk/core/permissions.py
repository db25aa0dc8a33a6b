"""Plain predicates about people, reused by views, the API, the admin and notifications."""

TECHNICIANS_GROUP = "Technicians"
HELPDESK_MANAGERS_GROUP = "Helpdesk managers"


def is_technician(user) -> bool:
    """Staff who work tickets: superusers and members of the Technicians group (by permission)."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("helpdesk.view_ticket")
    )


def may_sign_in(user) -> bool:
    """The one rule of every door that logs someone in or keeps them logged in (C-37): an active
    account of staff, or of a contact whose portal access and customer are active. Applied by
    the login backend (every login form, the API's token endpoint, each request's session) and
    by the API's token authentication."""
    return bool(user and user.is_active and (user.is_staff or active_contact(user) is not None))


def active_contact(user):
    """The user's Contact if they may use the portal now, else None."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    contact = getattr(user, "contact", None)
    if contact is None or not contact.portal_access or not contact.customer.is_active:
        return None
    return contact
