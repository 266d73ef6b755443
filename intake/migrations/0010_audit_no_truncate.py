"""On PostgreSQL the database also refuses TRUNCATE on the audit log.

0004's row trigger stops UPDATE and DELETE, but TRUNCATE fires no row trigger.
This statement-level trigger refuses it for every role but a superuser: a
superuser can remove any trigger anyway, and Django's test runner empties the
tables between transactional tests with TRUNCATE, as a superuser. The app's own
role has no TRUNCATE privilege at all (manage.py grant_app_role).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION intake_auditevent_no_truncate() RETURNS trigger AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'intake_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER intake_auditevent_no_truncate
    BEFORE TRUNCATE ON intake_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION intake_auditevent_no_truncate();
"""
DROP = """
DROP TRIGGER IF EXISTS intake_auditevent_no_truncate ON intake_auditevent;
DROP FUNCTION IF EXISTS intake_auditevent_no_truncate();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("intake", "0009_answer_columns_from_question_registry")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
