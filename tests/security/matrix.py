"""The permission matrix: every URL the project serves x every role, expectations written by hand.

Columns (ROLES): anonymous, contact A1, contact A2 (same customer Acme), Acme's main contact, B1
(Globex's main contact, same portal), C1 (Initech, the second portal: its contact logs in on the
MAIN host, which is the attack), a technician, a KB editor (Wagtail "Editors", no helpdesk
rights). Every role calls the main portal's host unless a row names another `host`.

Expected values: an HTTP status, or
  LOGIN  302 to the portal's login page (with ?next=),
  ADMIN  302 to the Wagtail admin's login page,
  GONE   302 somewhere that is not a login page (done; or Wagtail's "permission denied"
         redirect to the admin home, which carries no data),
Rows name the resolver route(s) they cover (`routes`, as the meta-test spells them: "<lang>/"
for the language prefix); the meta-test fails on any route without a row.

`writes`: roles whose request is expected to change the database. For every other role the
database fingerprint must be identical before and after (a refused write changes nothing).
`xfail`: role -> "bug: ..." for a wrong answer found in code this helper does not own."""

from dataclasses import dataclass, field

LOGIN, ADMIN, GONE = "login", "admin-login", "redirect"
ROLES = ("anon", "a1", "a2", "a_main", "b1", "c1", "tech", "editor")


@dataclass(frozen=True)
class Row:
    id: str
    method: str
    path: str
    expect: tuple  # one entry per ROLES, in that order
    routes: tuple
    data: dict | None = None
    api: bool = False  # token auth (APIClient, JSON) instead of the session client
    writes: tuple = ()
    host: str | None = None
    xfail: dict = field(default_factory=dict)

    def expected(self, role):
        return dict(zip(ROLES, self.expect, strict=True))[role]


def row(id, method, path, expect, routes, **kwargs):
    assert len(expect) == len(ROLES), id
    routes = (routes,) if isinstance(routes, str) else tuple(routes)
    return Row(id, method, path, tuple(expect), routes, **kwargs)


# The rows are a table: one request per row, one column per role (formatter kept out).
# fmt: off
T = "<lang>/tickets/"
REPLY = {"body": "Reply text"}
NEW = {"title": "New from the matrix", "description": "Body", "idempotency_key": "m-1"}

#                                                anon   a1    a2    a_main b1    c1    tech  editor
PORTAL = [
    row("ticket-list", "GET", "/en/tickets/",
        (LOGIN, 200, 200, 200, 200, 200, 200, 200), T),
    row("ticket-new-form", "GET", "/en/tickets/new/",
        (LOGIN, 200, 200, 200, 200, 200, 200, 200), T + "new/"),
    row("ticket-new-post", "POST", "/en/tickets/new/",
        (LOGIN, GONE, GONE, GONE, GONE, GONE, 200, 200), T + "new/",
        data=NEW, writes=("a1", "a2", "a_main", "b1", "c1")),
    row("ticket-export", "GET", "/en/tickets/export.csv",
        (LOGIN, 404, 404, 200, 200, 200, 404, 404), T + "export.csv"),
    row("ticket-page", "GET", "/en/tickets/{tA1}/",
        (LOGIN, 200, 404, 200, 404, 404, 404, 404), T + "<dbid:number>/"),
    row("ticket-page-missing", "GET", "/en/tickets/999999/",
        (LOGIN, 404, 404, 404, 404, 404, 404, 404), T + "<dbid:number>/"),
    row("ticket-reply", "POST", "/en/tickets/{tA1}/reply/",
        (LOGIN, GONE, 404, GONE, 404, 404, 404, 404), T + "<dbid:number>/reply/",
        data=REPLY, writes=("a1", "a_main")),
    row("ticket-reply-get", "GET", "/en/tickets/{tA1}/reply/",
        (405, 405, 405, 405, 405, 405, 405, 405), T + "<dbid:number>/reply/"),
    row("ticket-fields", "POST", "/en/tickets/{tA1}/fields/",
        (LOGIN, GONE, 404, GONE, 404, 404, 404, 404), T + "<dbid:number>/fields/",
        data={"field": "priority", "priority": "high"}, writes=("a1", "a_main")),
    row("ticket-close", "POST", "/en/tickets/{tA1}/close/",
        (LOGIN, GONE, 404, GONE, 404, 404, 404, 404), T + "<dbid:number>/close/",
        writes=("a1", "a_main")),
    row("ticket-reopen", "POST", "/en/tickets/{tA1x}/reopen/",
        (LOGIN, GONE, 404, GONE, 404, 404, 404, 404), T + "<dbid:number>/reopen/",
        writes=("a1", "a_main")),
    row("ticket-attachment", "GET", "/en/tickets/{tA1}/attachments/{fA1}/",
        (LOGIN, 200, 404, 200, 404, 404, 404, 404),
        T + "<dbid:number>/attachments/<dbid:attachment_id>/"),
    row("ticket-attachment-wrong-ticket", "GET", "/en/tickets/{tB1}/attachments/{fA1}/",
        (LOGIN, 404, 404, 404, 404, 404, 404, 404),
        T + "<dbid:number>/attachments/<dbid:attachment_id>/"),
]

AC = "<lang>/account/"
ACCOUNT = [
    row("login-page", "GET", "/en/account/login/",
        (200, GONE, GONE, GONE, GONE, GONE, GONE, GONE), AC + "login/"),
    row("logout", "POST", "/en/account/logout/",
        (GONE, GONE, GONE, GONE, GONE, GONE, GONE, GONE), AC + "logout/"),
    row("profile", "GET", "/en/account/profile/",
        (LOGIN, 200, 200, 200, 200, 200, 200, 200), AC + "profile/"),
    row("profile-post-is-staff", "POST", "/en/account/profile/",
        (LOGIN, 400, 400, 400, 400, 400, 400, 400), AC + "profile/",
        data={"is_staff": "on", "is_superuser": "on", "customer": "1"}),
    row("settings", "GET", "/en/account/settings/",
        (LOGIN, 200, 200, 200, 200, 200, 200, 200), AC + "settings/"),
    row("reset-request", "GET", "/en/account/password-reset/",
        (200, 200, 200, 200, 200, 200, 200, 200), AC + "password-reset/"),
    row("reset-code", "GET", "/en/account/password-reset/code/",
        (200, 200, 200, 200, 200, 200, 200, 200), AC + "password-reset/code/"),
    row("welcome-bad-token", "GET", "/en/account/welcome/not-a-token/",
        (404, 404, 404, 404, 404, 404, 404, 404), AC + "welcome/<str:token>/"),
    row("email-confirm-bad-token", "GET", "/en/account/email/not-a-token/",
        (404, 404, 404, 404, 404, 404, 404, 404), AC + "email/<str:token>/"),
    row("two-factor", "GET", "/en/account/2fa/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200, 200), AC + "2fa/"),
]

SERVE = "<lang>/^((?:[\\w\\-]+/)*)$"
RATE = {"helpful": "yes"}
KB = [
    row("home", "GET", "/en/",
        (200, 200, 200, 200, 200, 200, 200, 200), SERVE),
    row("kb-root", "GET", "/en/kb/",
        (LOGIN, 200, 200, 200, 200, 404, 200, 200), SERVE),
    row("kb-category", "GET", "{category}",
        (LOGIN, 200, 200, 200, 200, 404, 200, 200), SERVE),
    row("kb-section", "GET", "{section}",
        (LOGIN, 200, 200, 200, 200, 404, 200, 200), SERVE),
    row("kb-article", "GET", "{article}",
        (LOGIN, 200, 200, 200, 200, 404, 200, 200), SERVE),
    row("kb-acme-section", "GET", "{private_section}",
        (LOGIN, 200, 200, 200, 404, 404, 200, 200), SERVE),
    row("kb-acme-article", "GET", "{secret}",
        (LOGIN, 200, 200, 200, 404, 404, 200, 200), SERVE),
    row("kb-search", "GET", "/en/kb/search/?q=gateways",
        (LOGIN, 200, 200, 200, 200, 404, 200, 200), SERVE),
    # A keyword whose only article the reader may not open does not exist for them.
    row("kb-keyword", "GET", "/en/kb/keywords/gateway/",
        (LOGIN, 200, 200, 200, 404, 404, 200, 200), SERVE),
    row("kb-rating", "POST", "{article}rating/",
        (LOGIN, GONE, GONE, GONE, GONE, 404, GONE, GONE), SERVE,
        data=RATE, writes=("a1", "a2", "a_main", "b1", "tech", "editor")),
    row("kb-acme-rating", "POST", "{secret}rating/",
        (LOGIN, GONE, GONE, GONE, 404, 404, GONE, GONE), SERVE,
        data=RATE, writes=("a1", "a2", "a_main", "tech", "editor")),
    row("kb-rating-get", "GET", "{article}rating/",
        (LOGIN, 405, 405, 405, 405, 404, 405, 405), SERVE),
    row("kb-initech-article", "GET", "{initech_article}",
        (LOGIN, 404, 404, 404, 404, 200, 200, 200), SERVE, host="support.initech.localhost"),
    row("kb-document", "GET", "/documents/{doc}/{doc_name}",
        (LOGIN, 200, 200, 200, 404, 404, 200, 200), "documents/^(\\d+)/(.*)$"),
    row("kb-image", "GET", "/media/{secret_image}",
        (404, 200, 200, 200, 404, 404, 200, 200), "^media/(?P<path>.+)$"),
    row("portal-logo", "GET", "/media/{logo}",
        (200, 200, 200, 200, 200, 200, 200, 200), "^media/(?P<path>.+)$"),
    row("doc-password-restriction", "GET", "/documents/authenticate_with_password/1/",
        (404, 404, 404, 404, 404, 404, 404, 404),
        "documents/authenticate_with_password/<int:restriction_id>/"),
    row("page-password-restriction", "GET", "/en/_util/authenticate_with_password/1/{secret_id}/",
        (404, 404, 404, 404, 404, 404, 404, 404),
        "<lang>/_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/"),
    row("wagtail-page-login", "GET", "/en/_util/login/",
        (200, 200, 200, 200, 200, 200, 200, 200), "<lang>/_util/login/"),
]

V1 = "api/v1/"
TK = "api/v1/^tickets/"
KB_API = "api/v1/kb/articles/"
API = [
    row("api-root", "GET", "/api/v1/",
        (401, 200, 200, 200, 200, 200, 200, 200), V1, api=True),
    row("api-token", "POST", "/api/v1/auth/token/",
        (200, 200, 200, 200, 200, 200, 200, 200), V1 + "auth/token/", api=True,
        data={"email": "{a1_email}", "password": "correct-horse-battery-staple"}),
    row("api-token-wrong", "POST", "/api/v1/auth/token/",
        (400, 400, 400, 400, 400, 400, 400, 400), V1 + "auth/token/", api=True,
        data={"email": "{a1_email}", "password": "wrong"}),
    row("api-me", "GET", "/api/v1/me/",
        (401, 200, 200, 200, 200, 200, 200, 200), V1 + "me/", api=True),
    row("api-me-mass-assign", "PATCH", "/api/v1/me/",
        (401, 400, 400, 400, 400, 400, 400, 400), V1 + "me/", api=True,
        data={"is_staff": True, "customer": 1}),
    row("api-ticket-fields", "GET", "/api/v1/ticket-fields/",
        (401, 200, 200, 200, 200, 200, 200, 200), V1 + "ticket-fields/", api=True),
    row("api-ticket-list", "GET", "/api/v1/tickets/",
        (401, 200, 200, 200, 200, 200, 200, 200), TK + "$", api=True),
    row("api-ticket-create", "POST", "/api/v1/tickets/",
        (401, 201, 201, 201, 201, 201, 400, 400), TK + "$", api=True,
        data={"title": "API matrix ticket"}, writes=("a1", "a2", "a_main", "b1", "c1")),
    row("api-ticket-create-foreign-requester", "POST", "/api/v1/tickets/",
        (401, 400, 400, 400, 400, 400, 400, 400), TK + "$", api=True,
        data={"title": "Spoofed", "requester": "{b1_email}"}),
    row("api-ticket", "GET", "/api/v1/tickets/{tA1}/",
        (401, 200, 404, 200, 404, 404, 200, 404), TK + "(?P<number>[^/]+)/$", api=True),
    row("api-ticket-patch", "PATCH", "/api/v1/tickets/{tA1}/",
        (401, 200, 404, 200, 404, 404, 200, 404), TK + "(?P<number>[^/]+)/$", api=True,
        data={"priority": "high"}, writes=("a1", "a_main", "tech")),
    row("api-ticket-put", "PUT", "/api/v1/tickets/{tA1}/",
        (401, 405, 405, 405, 405, 405, 405, 405), TK + "(?P<number>[^/]+)/$", api=True,
        data={"title": "Put over"}),
    row("api-ticket-delete", "DELETE", "/api/v1/tickets/{tA1}/",
        (401, 405, 405, 405, 405, 405, 405, 405), TK + "(?P<number>[^/]+)/$", api=True),
    row("api-ticket-close", "POST", "/api/v1/tickets/{tA1}/close/",
        (401, 200, 404, 200, 404, 404, 200, 404), TK + "(?P<number>[^/]+)/close/$", api=True,
        writes=("a1", "a_main", "tech")),
    row("api-ticket-reopen", "POST", "/api/v1/tickets/{tA1x}/reopen/",
        (401, 200, 404, 200, 404, 404, 200, 404), TK + "(?P<number>[^/]+)/reopen/$", api=True,
        writes=("a1", "a_main", "tech")),
    row("api-replies", "GET", "/api/v1/tickets/{tA1}/replies/",
        (401, 200, 404, 200, 404, 404, 200, 404), V1 + "tickets/<str:number>/replies/", api=True),
    row("api-reply-post", "POST", "/api/v1/tickets/{tA1}/replies/",
        (401, 201, 404, 201, 404, 404, 201, 404), V1 + "tickets/<str:number>/replies/",
        api=True, data=REPLY, writes=("a1", "a_main", "tech")),
    row("api-attachment", "GET", "/api/v1/attachments/{fA1}/",
        (401, 200, 404, 200, 404, 404, 200, 404), "api/v1/^attachments/(?P<pk>[^/]+)/$",
        api=True),
    row("api-kb-list", "GET", "/api/v1/kb/articles/?q=gateways",
        (401, 200, 200, 200, 200, 200, 200, 200), KB_API, api=True),
    row("api-kb-article", "GET", "/api/v1/kb/articles/{article_id}/",
        (401, 200, 200, 200, 200, 404, 200, 200), KB_API + "<dbid:pk>/", api=True),
    row("api-kb-acme-article", "GET", "/api/v1/kb/articles/{secret_id}/",
        (401, 200, 200, 200, 404, 404, 200, 200), KB_API + "<dbid:pk>/", api=True),
    row("api-kb-rating", "POST", "/api/v1/kb/articles/{article_id}/rating/",
        (401, 200, 200, 200, 200, 404, 200, 200), KB_API + "<dbid:pk>/rating/", api=True,
        data={"helpful": True}, writes=("a1", "a2", "a_main", "b1", "tech", "editor")),
    row("api-kb-acme-rating", "POST", "/api/v1/kb/articles/{secret_id}/rating/",
        (401, 200, 200, 200, 404, 404, 200, 200), KB_API + "<dbid:pk>/rating/", api=True,
        data={"helpful": True}, writes=("a1", "a2", "a_main", "tech", "editor")),
    row("api-schema", "GET", "/api/schema/",
        (200, 200, 200, 200, 200, 200, 200, 200), "api/schema/", api=True),
    row("api-docs", "GET", "/api/docs/",
        (200, 200, 200, 200, 200, 200, 200, 200), "api/docs/", api=True),
    row("api-unknown", "GET", "/api/v2/pages/",
        (404, 404, 404, 404, 404, 404, 404, 404), "^api/", api=True),
    # Format-suffix routes are switched off (they answered 500): the JSON 404 of ^api/.
    row("api-format-suffix", "GET", "/api/v1/tickets/{tA1}.json",
        (404, 404, 404, 404, 404, 404, 404, 404), "^api/", api=True),
]

AH = "admin/helpdesk/"
ADMIN_ROWS = [
    row("admin-home", "GET", "/admin/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200, 200), "admin/"),
    row("admin-login", "GET", "/admin/login/",
        (200, 200, 200, 200, 200, 200, GONE, GONE), "admin/login/"),
    row("admin-ticket", "GET", "/admin/helpdesk/tickets/{tA1}/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200, GONE), AH + "tickets/<dbid:number>/"),
    row("admin-ticket-reply", "POST", "/admin/helpdesk/tickets/{tA1}/reply/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, GONE, GONE),
        AH + "tickets/<dbid:number>/reply/",
        data={"reply-body": "From the admin"}, writes=("tech",)),
    row("admin-ticket-fields", "POST", "/admin/helpdesk/tickets/{tA1}/fields/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 400, GONE),
        AH + "tickets/<dbid:number>/fields/"),
    row("admin-ticket-assign", "POST", "/admin/helpdesk/tickets/{tA1}/assign/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, GONE, GONE),
        AH + "tickets/<dbid:number>/assign/"),
    row("admin-attachment", "GET", "/admin/helpdesk/attachments/{fA1}/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200, GONE), AH + "attachments/<dbid:pk>/"),
    row("admin-ticket-index", "GET", "/admin/helpdesk/tickets/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200, GONE), AH + "tickets/"),
    row("admin-welcome-contact", "GET", "/admin/helpdesk/welcome/contact/{a1_contact}/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200, GONE),
        AH + "welcome/contact/<dbid:pk>/"),
    row("admin-welcome-contact-send", "POST", "/admin/helpdesk/welcome/contact/{a1_contact}/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, GONE, GONE),
        AH + "welcome/contact/<dbid:pk>/", writes=("tech",)),
    row("admin-welcome-customer", "GET", "/admin/helpdesk/welcome/customer/{acme}/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200, GONE),
        AH + "welcome/customer/<dbid:pk>/"),
    row("admin-customers", "GET", "/admin/helpdesk/customers/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200, GONE), AH + "customers/"),
    row("admin-contacts", "GET", "/admin/helpdesk/contacts/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200, GONE), AH + "contacts/"),
    row("admin-custom-fields", "GET", "/admin/helpdesk/custom-fields/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, GONE, GONE), AH + "custom-fields/"),
    row("admin-kb-report", "GET", "/admin/reports/kb-helpfulness/",
        (ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, ADMIN, 200, 200), "admin/reports/kb-helpfulness/"),
]

# fmt: on

ROWS = PORTAL + ACCOUNT + KB + API + ADMIN_ROWS

# ---------------------------------------------------------------------------------------------
# The admin family rule. Every other route under admin/ (Wagtail's own views, the snippets,
# wagtail-localize, the helpdesk's viewsets) is covered by this rule instead of a row: requested
# with placeholder arguments, each one answers the non-staff roles below with a redirect to the
# admin login and no body. Routes that must answer strangers (the login page and static
# helpers; Wagtail's switched-off password reset) are listed in ADMIN_PUBLIC, each with
# why; nothing else is skipped.
ADMIN_FAMILY_PREFIX = "admin/"
ADMIN_FAMILY_ROLES = ("anon", "a1", "a_main", "b1", "c1")
ADMIN_PUBLIC = {
    "admin/login/": "the login page (row admin-login)",
    "admin/logout/": "logging out needs no rights",
    # Wagtail keeps these routes but answers 404 while WAGTAIL_PASSWORD_RESET_ENABLED is off
    # (test_C12_side_doors.py checks that nothing is sent).
    "admin/password_reset/": "switched off: 404 for everyone",
    "admin/password_reset/done/": "switched off: 404 for everyone",
    "admin/password_reset/confirm/<uidb64>/<token>/": "switched off: 404 for everyone",
    "admin/password_reset/complete/": "switched off: 404 for everyone",
    "admin/jsi18n/": "the admin's translation catalog (no data)",
    "admin/sprite/": "the admin's icon sprite (no data)",
    "admin/test404/": "Wagtail's 404 preview page (no data)",
    "admin/failwhale/": "Wagtail's 500 preview page (no data)",
}

# Wagtail serves pages through one route (wagtail_serve); which row covers each page type and
# each route of a routable page. The meta-test walks get_page_models() against this table.
PAGE_ROUTES = {
    ("wagtailcore.Page", None): "home",  # the tree root is never served; home stands in
    ("home.PortalHomePage", None): "home",
    ("kb.KnowledgeBasePage", ""): "kb-root",
    ("kb.KnowledgeBasePage", "search/"): "kb-search",
    ("kb.KnowledgeBasePage", "keywords/<str:keyword>/"): "kb-keyword",
    ("kb.KBCategoryPage", ""): "kb-category",
    ("kb.KBSectionPage", ""): "kb-acme-section",
    ("kb.KBArticlePage", ""): "kb-acme-article",
    ("kb.KBArticlePage", "rating/"): "kb-acme-rating",
}
