import signal
import time

from django.core.management.base import BaseCommand

from ...schedule import jobs, tick


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs (publishing, clean-ups, outbox) as they come due: a process of "
        "its own in production (docs/deployment.md); `make run` starts one beside the server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One tick, then exit (cron).")
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")
        parser.add_argument(
            "--sleep", type=float, default=30.0, help="Seconds between ticks (default 30)."
        )

    def handle(self, *args, once=False, list=False, sleep=30.0, **options):
        if list:
            for job in jobs():
                self.stdout.write(f"{job.name:<24} every {job.every}  {job.description}")
            return
        if once:
            self._report(tick())
            return
        stopping = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.append(True))
        self.stdout.write(f"Running {len(jobs())} scheduled jobs; a tick every {sleep:g} s.")
        while not stopping:
            self._report(tick())
            # Short sleeps, so that a stop request is answered within a second.
            deadline = time.monotonic() + sleep
            while not stopping and time.monotonic() < deadline:
                time.sleep(min(1.0, sleep))

    def _report(self, outcome):
        for name, result in outcome.items():
            write = self.stdout.write if result == "ran" else self.stderr.write
            write(f"{name}: {result}")
