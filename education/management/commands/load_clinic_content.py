"""Loads the clinic's scar guide, treatments, fit table and cautions."""

from django.core.management.base import BaseCommand

from education.services import CONTENT_DIR, clinic_content_load


class Command(BaseCommand):
    help = (
        "Load the clinic's education content from education/content/. Safe to run again: "
        "it never duplicates a row and keeps changes made in the admin unless --overwrite."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(CONTENT_DIR))
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace rows edited in the admin with the versions in the files.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, directory, overwrite, dry_run, **options):
        report = clinic_content_load(directory=directory, overwrite=overwrite, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
        verb = "Would load" if dry_run else "Loaded"
        self.stdout.write(self.style.SUCCESS(f"{verb} the clinic's content."))
