"""`manage.py seed_demo`: the fixed demo data of SPEC "Demo data", safe to run again.

Each app contributes its own part in `<app>/demo.py` (a `seed(*, stdout, options)` function,
an `ORDER`, optionally `add_arguments(parser)`); this command only finds and runs them."""

from importlib import import_module

from django.apps import apps
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from helpdesk.demo import DEMO_PASSWORD, demo_logins


def demo_modules():
    modules = [
        import_module(f"{config.name}.demo")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "demo")
    ]
    return sorted(modules, key=lambda module: module.ORDER)


class Command(BaseCommand):
    help = "Create or refresh the demo portals, customers, contacts and staff."

    def add_arguments(self, parser):
        for module in demo_modules():
            if hasattr(module, "add_arguments"):
                module.add_arguments(parser)

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in demo_modules():
                module.seed(stdout=self.stdout, options=options)
        # The cache outlives the database (a file cache in var/cache): pages and fragments of
        # an earlier database must not be served for this one.
        cache.clear()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo logins:"))
        width = max(len(email) for email, _role in demo_logins())
        for email, role in demo_logins():
            self.stdout.write(f"  {email.ljust(width)}  {DEMO_PASSWORD}  ({role})")
