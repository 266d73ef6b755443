"""A date asked as three boxes (the GOV.UK "date input" pattern, in the US order month,
day, year that the US Web Design System's "memorable date" uses).

People type the dates they know by heart (a birthday) faster and with fewer mistakes in
separate boxes than in a date picker. A half-filled date is an error that names the
missing part and keeps what was typed; it is never dropped.

The stored value stays a ``datetime.date`` (the session keeps it as an ISO string, as
before), and a form posted with the single ISO key (``date_of_birth=1990-04-12``, how the
session's answers are re-bound) still validates.
"""

import datetime
import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PARTS = ("month", "day", "year")
PART_LABELS = {"month": _("Month"), "day": _("Day"), "year": _("Year")}
# The parts as named inside a sentence ("must include a month and year").
PART_WORDS = {"month": _("month"), "day": _("day"), "year": _("year")}
MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Spanish month names too (issue #15), so "marzo" or "mar" works on the Spanish pages.
MONTH_NAMES |= {
    name: number
    for number, names in enumerate(
        (
            ("enero", "ene"),
            ("febrero", "feb"),
            ("marzo", "mar"),
            ("abril", "abr"),
            ("mayo",),
            ("junio", "jun"),
            ("julio", "jul"),
            ("agosto", "ago"),
            ("septiembre", "setiembre", "sep", "sept", "set"),
            ("octubre", "oct"),
            ("noviembre", "nov"),
            ("diciembre", "dic"),
        ),
        start=1,
    )
    for name in names
}


class DatePartsWidget(forms.MultiWidget):
    """Month, day and year text boxes named ``<name>_month``, ``<name>_day``, ``<name>_year``."""

    template_name = "intake/widgets/date_parts.html"

    def __init__(self, attrs=None, *, autocomplete_prefix=""):
        def box(part, width):
            box_attrs = {"inputmode": "numeric", "class": f"form-control date-part date-{part}"}
            box_attrs["maxlength"] = str(width)
            if autocomplete_prefix:
                box_attrs["autocomplete"] = f"{autocomplete_prefix}-{part}"
            return forms.TextInput(attrs=box_attrs)

        super().__init__({"month": box("month", 9), "day": box("day", 2), "year": box("year", 4)})
        self.attrs = attrs or {}

    def decompress(self, value):
        if isinstance(value, str) and value:
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [str(value.month), str(value.day), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if any(f"{name}_{part}" in data for part in PARTS):
            return super().value_from_datadict(data, files, name)
        # Answers kept in the session are re-bound as one ISO date under the field's name.
        return self.decompress(data.get(name))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id")
        for subwidget, part in zip(context["widget"]["subwidgets"], PARTS, strict=True):
            subwidget["part_label"] = PART_LABELS[part]
            if base_id:
                # Named like the box ("id_date_of_birth_month"), not by position.
                subwidget["attrs"]["id"] = f"{base_id}_{part}"
            # The boxes are described by the hint and error of the whole question.
            subwidget["attrs"].pop("required", None)
        return context

    def id_for_label(self, id_):
        # The question is a <legend>: no <label for> points at the group.
        return ""

    @staticmethod
    def error_anchor(auto_id, error):
        """The box an error summary link should focus: the first missing or wrong part."""
        part = (getattr(error, "params", None) or {}).get("part", PARTS[0])
        return f"{auto_id}_{part}"


def _joined(parts):
    words = [str(PART_WORDS[part]) for part in parts]
    if len(words) == 1:
        return words[0]
    return gettext("%(first)s and %(last)s") % {
        "first": ", ".join(words[:-1]),
        "last": words[-1],
    }


class DatePartsField(forms.Field):
    """A date from three boxes, with the GOV.UK messages worded around ``name``
    ("Date of birth must include a month")."""

    def __init__(self, *, name, required_message, autocomplete_prefix="", **kwargs):
        self.name = name
        kwargs.setdefault("widget", DatePartsWidget(autocomplete_prefix=autocomplete_prefix))
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", required_message)
        super().__init__(**kwargs)

    def _error(self, message, part):
        return forms.ValidationError(message, code="invalid_date", params={"part": part})

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if not value:
            return None
        typed = dict(zip(PARTS, (str(item or "").strip() for item in value), strict=False))
        if not any(typed.values()):
            return None
        missing = [part for part in PARTS if not typed.get(part)]
        if missing:
            raise self._error(
                gettext("%(name)s must include a %(parts)s.")
                % {"name": self.name, "parts": _joined(missing)},
                missing[0],
            )
        month_text = typed["month"].lower().rstrip(".")
        month = MONTH_NAMES.get(month_text) or (int(month_text) if month_text.isdigit() else 0)
        if not 1 <= month <= 12:
            raise self._error(
                gettext("%(name)s must be a real date.") % {"name": self.name}, "month"
            )
        if not typed["day"].isdigit():
            raise self._error(gettext("%(name)s must be a real date.") % {"name": self.name}, "day")
        if not re.fullmatch(r"\d{4}", typed["year"]):
            raise self._error(gettext("Year must include 4 numbers."), "year")
        try:
            return datetime.date(int(typed["year"]), month, int(typed["day"]))
        except ValueError:
            raise self._error(
                gettext("%(name)s must be a real date.") % {"name": self.name}, "day"
            ) from None

    def bound_data(self, data, initial):
        # Keep what was typed, part by part, even when it is not a date.
        return data

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != self.to_python(self.widget.decompress(initial))
        except forms.ValidationError:
            return True
