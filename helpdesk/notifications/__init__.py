"""E-mail: who hears about what (`events`, with each recipient's `facts`), written to the outbox
(`outbox`) and delivered by a task (`tasks` -> `delivery`), a one-way chain."""

from .events import reply_added, ticket_created, ticket_resolved

__all__ = ["reply_added", "ticket_created", "ticket_resolved"]
