"""The clinic's seed content (education/content/*.json) as a pure RuleBook, the way
intake/selectors.py builds it from the rows: published treatments only, in their order."""

import json
from functools import cache
from pathlib import Path

from intake import rules
from intake.selectors import GENERAL_QUESTIONS

CONTENT = Path(__file__).resolve().parents[2] / "education" / "content"


def _read(name):
    return json.loads((CONTENT / name).read_text())


@cache
def seed_rulebook():
    treatments = sorted(
        (row for row in _read("treatments.json") if row["status"] == "published"),
        key=lambda row: row["order"],
    )
    published = {row["key"] for row in treatments}
    return rules.RuleBook(
        treatments=tuple(
            rules.TreatmentFacts(
                key=row["key"],
                name=row["name"],
                slug=row["slug"],
                sessions_min=row["sessions_min"],
                sessions_max=row["sessions_max"],
                downtime_min_days=row["downtime_min_days"],
                downtime_max_days=row["downtime_max_days"],
                questions=tuple(row["questions"]),
            )
            for row in treatments
        ),
        fits=tuple(
            rules.FitRow(row["treatment"], row["scar_type"], row["level"], row["reason"])
            for row in _read("fits.json")
            if row["treatment"] in published
        ),
        scar_types=tuple(
            rules.ScarTypeFacts(row["key"], row["name"], row["slug"], row["you_said"])
            for row in sorted(_read("scar_types.json"), key=lambda row: row["order"])
        ),
        cautions=tuple(
            rules.CautionText(
                key=row["key"],
                title=row["title"],
                patient_wording=row["patient_wording"],
                clinician_note=row["clinician_note"],
                severity={k: v for k, v in row["severity"].items() if k in published},
                question=row.get("question", ""),
                not_sure_wording=row.get("not_sure_wording", ""),
            )
            for row in _read("cautions.json")
        ),
        general_questions=GENERAL_QUESTIONS,
    )
