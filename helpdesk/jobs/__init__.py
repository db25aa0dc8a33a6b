"""The helpdesk's scheduled jobs, registered with cms.core.schedule in HelpdeskConfig.ready()."""

from datetime import timedelta

from cms.core.schedule import register

from ..accounts import api_tokens, tokens
from ..notifications import outbox
from ..notifications.delivery import deliver_due


def register_helpdesk_jobs():
    register(
        "deliver_outbox",
        timedelta(minutes=5),
        "Send the e-mails that are due, including retries after a mail-server outage.",
        lambda: deliver_due(limit=10_000),
    )
    register(
        "prune_outbox",
        timedelta(days=1),
        "Delete sent e-mails after 30 days and given-up ones after 90.",
        outbox.prune,
    )
    register(
        "prune_account_codes",
        timedelta(hours=1),
        "Delete reset codes and welcome or e-mail-change links a day after expiry or use.",
        tokens.prune,
    )
    register(
        "prune_api_tokens",
        timedelta(days=1),
        "Delete API tokens 30 days after they were revoked or expired.",
        api_tokens.prune,
    )
