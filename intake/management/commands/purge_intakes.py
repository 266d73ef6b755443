"""Retention: removes abandoned drafts, old submitted intakes (if the clinic sets
a limit) and expired guide links, then prunes old task results (clinic/task_retention.py).
Run it daily (docs/deployment.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from clinic.task_retention import task_results_prune
from intake.services import intakes_purge


class Command(BaseCommand):
    help = (
        "Delete unfinished drafts older than --draft-hours, submitted intakes older than "
        "--submitted-days (kept by default) and expired guide links (atomic); then prune "
        "finished task results older than TASK_RESULTS_KEEP_DAYS (failed ones: "
        "TASK_FAILED_RESULTS_KEEP_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--draft-hours", type=int, default=settings.INTAKE_DRAFT_RETENTION_HOURS
        )
        parser.add_argument(
            "--submitted-days",
            type=int,
            default=settings.INTAKE_RETENTION_DAYS,
            help="Omit (or leave INTAKE_RETENTION_DAYS empty) to keep submitted intakes.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count only; delete nothing.")

    def handle(self, *args, draft_hours, submitted_days, dry_run, **options):
        report = intakes_purge(
            draft_hours=draft_hours, submitted_days=submitted_days, dry_run=dry_run
        )
        verb = "Would remove" if dry_run else "Removed"
        kept = "kept (no limit set)" if submitted_days is None else f"{report.intakes}"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: {report.drafts} abandoned draft(s) older than {draft_hours} hours; "
                f"submitted intakes: {kept}; {report.guide_links} expired guide link(s)."
            )
        )
        # After the intakes' own transaction: a pruning error never undoes the purge.
        if task_results_prune(dry_run=dry_run, stdout=self.stdout, verbosity=options["verbosity"]):
            self.stdout.write(
                f"Task results: finished older than {settings.TASK_RESULTS_KEEP_DAYS} days "
                f"{'counted' if dry_run else 'pruned'}; failed ones are kept "
                f"{settings.TASK_FAILED_RESULTS_KEEP_DAYS} days."
            )
