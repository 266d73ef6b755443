"""Django's migrate, connected as the owning role when MIGRATE_DATABASE_URL is set
(clinic.db_roles): the app's own role may not change the schema."""

from django.core.management.commands import migrate

from clinic.db_roles import connected_as_owner


class Command(migrate.Command):
    help = migrate.Command.help + " Connects as MIGRATE_DATABASE_URL's role when it is set."

    def handle(self, *args, **options):
        with connected_as_owner(options["database"]):
            return super().handle(*args, **options)
