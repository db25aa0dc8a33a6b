"""The read side of tickets, one policy per question, used by every door (portal, API, admin,
CSV export, e-mail, downloads): who sees which ticket (`selectors`), which fields (`field_schema`),
how a list is filtered, sorted and paged (`query`), which status changes (`transitions`), how
values read (`display`), how files get in and out (`uploads`, `downloads`)."""
