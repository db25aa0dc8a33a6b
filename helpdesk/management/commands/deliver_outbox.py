from django.core.management.base import BaseCommand

from ...notifications.delivery import deliver_due


class Command(BaseCommand):
    help = "Send the e-mails that are due in the outbox (for cron, or by hand after an outage)."

    def handle(self, *args, **options):
        counts = deliver_due(limit=10_000)
        self.stdout.write(
            "Sent {sent}, will retry {retrying}, gave up on {failed}.".format(**counts)
        )
