"""Two database roles on PostgreSQL (docs/deployment.md, "Two database roles").

The app connects with DATABASE_URL as a role that reads and writes rows but owns
nothing: it cannot change the schema, and the audit log only takes new rows.
`migrate` and `grant_app_role` connect as the owning role, MIGRATE_DATABASE_URL,
when it is set; with one URL (a laptop, CI) the same role does both.
"""

import contextlib

import environ
from django.conf import settings
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections

OWNER_KEYS = ("NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")


@contextlib.contextmanager
def connected_as_owner(alias=DEFAULT_DB_ALIAS):
    """The `alias` connection as MIGRATE_DATABASE_URL's role for the block (as
    DATABASE_URL's when it is unset), then back to the app's role."""
    owner_url = settings.MIGRATE_DATABASE_URL
    if not owner_url or alias != DEFAULT_DB_ALIAS:
        yield connections[alias]
        return
    connection = connections[alias]
    owner = environ.Env.db_url_config(owner_url)
    if owner["ENGINE"] != connection.settings_dict["ENGINE"]:
        raise CommandError("MIGRATE_DATABASE_URL must name the same kind of database")
    app_role = {key: connection.settings_dict.get(key) for key in OWNER_KEYS}
    connection.close()
    connection.settings_dict.update({key: owner.get(key, app_role[key]) for key in OWNER_KEYS})
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict.update(app_role)


def grant_statements(role, *, database, audit_table):
    """The app role's grants, identifiers quoted: every table's rows, but on the
    audit log SELECT and INSERT only; sequences for inserts; nothing it could use
    to change the schema (it owns no table, so no ALTER, DROP or trigger change).
    The task queue's tables (django_tasks_database_dbtaskresult, clinic_staffdigest)
    need all four row privileges: the worker claims, finishes and prunes rows."""
    from psycopg import sql

    role, audit = sql.Identifier(role), sql.Identifier(audit_table)
    every_table = sql.SQL("ALL TABLES IN SCHEMA public")
    return [
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), role),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role),
        sql.SQL("REVOKE ALL ON {} FROM {}").format(every_table, role),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(every_table, role),
        sql.SQL("REVOKE UPDATE, DELETE ON {} FROM {}").format(audit, role),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(role),
    ]
