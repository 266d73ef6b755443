"""A draft's step data changed inside the UPDATE that saves it, so saving a step is one
statement: no read of the whole draft (every step's answers) before the write, and
no window between a read and a write in which another device could take the draft.

Django has no portable "set one key of a JSON column" expression, so this one speaks
the two databases the clinic runs on: PostgreSQL (jsonb operators) and SQLite (its
JSON functions). Values are always parameters, never pasted into the SQL.
"""

import json
import re

from django.db import NotSupportedError
from django.db.models import Expression, F, JSONField

SLUG = re.compile(r"[a-z0-9_-]+")


class StepDataWith(Expression):
    """The draft's `step_data` with `key` set to `value` (a JSON-serialisable dict).
    With `drop_if_step`, the kept copy of unchecked typing (`typed_key`) is removed
    when it belongs to that step: the step was just sent, so the copy is done."""

    output_field = JSONField()

    def __init__(self, key, value, *, typed_key=None, drop_if_step=None):
        super().__init__()
        if drop_if_step is not None and typed_key is None:
            raise ValueError("drop_if_step needs the typed copy's key")
        for name in (key, typed_key or key):
            if not SLUG.fullmatch(name):  # SQLite's JSON paths cannot escape a quote
                raise ValueError(f"not a step slug: {name!r}")
        self.key, self.value = key, value
        self.typed_key, self.drop_if_step = typed_key, drop_if_step
        self.column = F("step_data")

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def as_sql(self, compiler, connection):
        raise NotSupportedError(f"StepDataWith has no SQL for {connection.vendor}")

    def as_postgresql(self, compiler, connection):
        column, params = compiler.compile(self.column)
        base, base_params = column, list(params)
        if self.drop_if_step is not None:
            base = (
                f"(CASE WHEN ({column} -> %s::text ->> 'step') = %s::text "
                f"THEN {column} - %s::text ELSE {column} END)"
            )
            base_params = [
                *params,
                self.typed_key,
                self.drop_if_step,
                *params,
                self.typed_key,
                *params,
            ]
        sql = f"({base} || jsonb_build_object(%s::text, %s::jsonb))"
        return sql, (*base_params, self.key, json.dumps(self.value))

    def as_sqlite(self, compiler, connection):
        column, params = compiler.compile(self.column)
        base, base_params = column, list(params)
        if self.drop_if_step is not None:
            base = (
                f"(CASE WHEN json_extract({column}, %s) = %s "
                f"THEN json_remove({column}, %s) ELSE {column} END)"
            )
            path = json_path(self.typed_key)
            base_params = [*params, path + ".step", self.drop_if_step, *params, path, *params]
        sql = f"json_set({base}, %s, json(%s))"
        return sql, (*base_params, json_path(self.key), json.dumps(self.value))


def json_path(key):
    """SQLite's JSON path to a top-level key, quoted (slugs hold hyphens)."""
    return "$." + json.dumps(key)
