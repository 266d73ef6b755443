"""On PostgreSQL the database itself refuses UPDATE and DELETE on the audit log.

SQLite (a developer's laptop) has no such guard; the app and the admin never
change audit rows on either database.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION intake_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'intake_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER intake_auditevent_append_only
    BEFORE UPDATE OR DELETE ON intake_auditevent
    FOR EACH ROW EXECUTE FUNCTION intake_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS intake_auditevent_append_only ON intake_auditevent;
DROP FUNCTION IF EXISTS intake_auditevent_append_only();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("intake", "0003_staff_groups")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
