"""Gives the app's database role what it needs and no more (PostgreSQL). Run it
after each `migrate`, which may add tables (docs/deployment.md):

    manage.py grant_app_role clinic_app
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction

from clinic.db_roles import connected_as_owner, grant_statements
from intake.models import AuditEvent


class Command(BaseCommand):
    help = "Grant the app's database role its privileges; the audit log takes new rows only."

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role the app connects as (DATABASE_URL's user)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, role, database, **options):
        with connected_as_owner(database) as connection:
            if connection.vendor != "postgresql":
                raise CommandError("grant_app_role is for PostgreSQL; SQLite has no roles")
            statements = grant_statements(
                role,
                database=connection.settings_dict["NAME"],
                audit_table=AuditEvent._meta.db_table,
            )
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        self.stdout.write(
            self.style.SUCCESS(f"{role}: rows of every table; the audit log SELECT and INSERT only")
        )
