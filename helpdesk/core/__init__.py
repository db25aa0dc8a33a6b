"""Helpdesk-wide rules below the ticket policy: who is a technician or an active contact
(`permissions`), the staff groups (`groups`), absolute links from a portal's base URL (`links`),
the HTML allow-list (`sanitize`)."""
