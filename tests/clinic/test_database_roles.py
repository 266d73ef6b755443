"""The app's database role cannot erase or rewrite the audit log (issue 13,
finding 3): it connects as a role with SELECT and INSERT only on the audit table,
owns nothing, and the table refuses TRUNCATE as well as UPDATE and DELETE."""

import secrets

import psycopg
import pytest
from django.core.management import call_command
from django.db import OperationalError, connection

INSERT = (
    "INSERT INTO intake_auditevent (at, actor_username, action, intake_reference, detail) "
    "VALUES (now(), 'app', 'view', 'AS-TEST', '')"
)


def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("database roles and triggers are PostgreSQL's; SQLite has neither")


@pytest.fixture
def role_connection(transactional_db):
    """connect(grant=True): a new login role, given the app's grants (or none),
    connected to the test database; dropped afterwards."""
    postgres_only()
    role = f"clinic_app_{secrets.token_hex(4)}"
    opened = []
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" LOGIN')

    def connect(grant=True):
        if grant:
            call_command("grant_app_role", role, stdout=open("/dev/null", "w"))  # noqa: SIM115
        params = connection.get_connection_params()
        conn = psycopg.connect(
            dbname=params["dbname"], host=params.get("host"), port=params.get("port"),
            user=role, autocommit=True,
        )  # fmt: skip
        opened.append(conn)
        return conn

    yield connect
    for conn in opened:
        conn.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{role}"')
        cursor.execute(f'DROP ROLE "{role}"')


def refused(conn, statement):
    try:
        conn.execute(statement)
    except psycopg.Error as error:
        return type(error).__name__
    return None


def test_the_app_role_can_read_and_add_audit_rows_and_nothing_else(role_connection):
    app = role_connection()
    app.execute(INSERT)
    assert app.execute("SELECT count(*) FROM intake_auditevent").fetchone() == (1,)
    no_privilege = "InsufficientPrivilege"
    assert refused(app, "UPDATE intake_auditevent SET detail = 'rewritten'") == no_privilege
    assert refused(app, "DELETE FROM intake_auditevent") == no_privilege
    assert refused(app, "TRUNCATE intake_auditevent") == no_privilege
    drop_trigger = "DROP TRIGGER intake_auditevent_append_only ON intake_auditevent"
    assert refused(app, drop_trigger) == no_privilege  # only the owner may
    assert refused(app, "ALTER TABLE intake_auditevent DISABLE TRIGGER ALL") == no_privilege
    assert refused(app, "ALTER TABLE intake_auditevent ADD COLUMN note text") == no_privilege
    assert refused(app, "DROP TABLE intake_auditevent") == no_privilege
    assert app.execute("SELECT count(*) FROM intake_auditevent").fetchone() == (1,)
    # The rest of the app still works: it reads and writes other tables' rows.
    app.execute("DELETE FROM django_session WHERE expire_date < now() - interval '1 day'")
    assert app.execute("SELECT count(*) FROM intake_intake").fetchone() == (0,)


def test_truncate_is_refused_even_with_the_privilege(role_connection):
    """The trigger refuses what a grant mistake would allow (a non-superuser
    owner, or a role given TRUNCATE)."""
    app = role_connection()
    with connection.cursor() as cursor:
        cursor.execute(INSERT)
        cursor.execute(f'GRANT TRUNCATE, UPDATE, DELETE ON intake_auditevent TO "{app.info.user}"')
    message = "intake_auditevent is append-only"
    for statement in (
        "TRUNCATE intake_auditevent",
        "DELETE FROM intake_auditevent",
        "UPDATE intake_auditevent SET detail=''",
    ):
        with pytest.raises(psycopg.errors.RaiseException, match=message):
            app.execute(statement)
    assert app.execute("SELECT count(*) FROM intake_auditevent").fetchone() == (1,)


def test_migrate_connects_as_the_owner_when_it_is_set(settings, transactional_db):
    postgres_only()
    params = connection.settings_dict
    settings.MIGRATE_DATABASE_URL = (
        f"postgres://no_such_owner_role@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
        f"/{params['NAME']}"
    )
    with pytest.raises(OperationalError, match="no_such_owner_role"):
        call_command("migrate", "--plan", verbosity=0)
    settings.MIGRATE_DATABASE_URL = ""
    with connection.cursor() as cursor:  # back to the app's own connection
        cursor.execute("SELECT 1")


TASK_TABLES = ("django_tasks_database_dbtaskresult", "clinic_staffdigest")


def test_the_app_role_can_run_the_task_worker(role_connection):
    """The worker claims (SELECT … FOR UPDATE SKIP LOCKED, UPDATE), finishes (UPDATE)
    and prunes (DELETE) task rows as the app's role, and marks digests sent: the task
    tables need every row privilege, unlike the audit log's SELECT and INSERT."""
    conn = role_connection()
    conn.execute(
        "INSERT INTO django_tasks_database_dbtaskresult (id, status, enqueued_at, args_kwargs,"
        " priority, task_path, worker_ids, queue_name, backend_name, run_after,"
        " exception_class_path, traceback) VALUES (gen_random_uuid(), 'READY', now(),"
        " '{\"args\": [], \"kwargs\": {}}', 0, 'clinic.tasks.send_email', '[]', 'default',"
        " 'default', now(), '', '')"
    )
    with conn.transaction():
        claimed = conn.execute(
            "SELECT id FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
            " FOR UPDATE SKIP LOCKED"
        ).fetchone()
        assert claimed
        conn.execute(
            "UPDATE django_tasks_database_dbtaskresult SET status = 'SUCCESSFUL' WHERE id = %s",
            claimed,
        )
    conn.execute(
        "INSERT INTO clinic_staffdigest (window_start, window_end, created_at, intake_count,"
        " recipient_count) VALUES (now(), now() + interval '1 hour', now(), 0, 0)"
    )
    assert refused(conn, "UPDATE clinic_staffdigest SET sent_at = now()") is None
    for table in TASK_TABLES:
        assert refused(conn, f"DELETE FROM {table}") is None  # noqa: S608 - fixed names
    assert refused(conn, "DROP TABLE django_tasks_database_dbtaskresult") == "InsufficientPrivilege"
