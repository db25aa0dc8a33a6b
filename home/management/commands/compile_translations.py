"""Compile locale/*/LC_MESSAGES/*.po to .mo without GNU gettext (pure Python, polib).

`make run` and `make test` call it, so a fresh machine needs no msgfmt; the .mo files are
build output and stay out of git."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the project's .po catalogs to .mo files (no GNU gettext needed)."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                try:
                    catalog = polib.pofile(str(po_path))
                except (OSError, ValueError) as error:
                    raise CommandError(f"{po_path}: {error}") from error
                catalog.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogs.")
