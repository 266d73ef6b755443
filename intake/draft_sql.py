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
        for name in (key, typed_key) if typed_key else (key,):
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
        return self._sql(
            compiler,
            drop=(
                "(CASE WHEN ({col} -> %s::text ->> 'step') = %s::text "
                "THEN {col} - %s::text ELSE {col} END)",
                (self.typed_key, self.drop_if_step, self.typed_key),
            ),
            put=(
                "({base} || jsonb_build_object(%s::text, %s::jsonb))",
                (self.key, json.dumps(self.value)),
            ),
        )

    def as_sqlite(self, compiler, connection):
        typed_path = json_path(self.typed_key) if self.typed_key else ""
        return self._sql(
            compiler,
            drop=(
                "(CASE WHEN json_extract({col}, %s) = %s "
                "THEN json_remove({col}, %s) ELSE {col} END)",
                (typed_path + ".step", self.drop_if_step, typed_path),
            ),
            put=("json_set({base}, %s, json(%s))", (json_path(self.key), json.dumps(self.value))),
        )

    def _sql(self, compiler, *, drop, put):
        """The column, less the typed copy when asked (`drop`), with the key set (`put`):
        each a (template, parameters) pair, the same shape on both databases."""
        column, column_params = compiler.compile(self.column)
        if column_params:  # a plain column reference has none; the templates assume so
            raise NotSupportedError("StepDataWith needs step_data as a plain column")
        base, params = column, ()
        if self.drop_if_step is not None:
            template, params = drop
            base = template.format(col=column)
        template, put_params = put
        return template.format(base=base), (*params, *put_params)


def json_path(key):
    """SQLite's JSON path to a top-level key, quoted (slugs hold hyphens)."""
    return "$." + json.dumps(key)
