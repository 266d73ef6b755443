"""docs/clinical-rules.md cannot drift from the registry and the caution table."""

import json
import re
from pathlib import Path

import pytest

from education.levels import Severity
from intake.choices import CautionKey
from intake.questions import QUESTIONS
from intake.rules import TRIGGERS

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "clinical-rules.md").read_text()
SEED = {
    row["key"]: row for row in json.loads((ROOT / "education/content/cautions.json").read_text())
}


QUESTIONS_PART = DOC[DOC.index("## Questions") : DOC.index("## Skin type")]
CAUTIONS_PART = DOC[DOC.index("## Cautions") : DOC.index("## Sources")]


def table_row(key, part):
    rows = [line for line in part.splitlines() if line.startswith(f"| `{key}` |")]
    assert len(rows) == 1, f"{key}: {len(rows)} rows in docs/clinical-rules.md"
    return [cell.strip() for cell in rows[0].strip("|").split("|")]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.key)
def test_every_question_is_documented_with_its_id_and_wording(question):
    cells = table_row(question.key, QUESTIONS_PART)
    assert cells[1] == question.domain_id
    assert cells[3] == question.wording
    assert cells[5] == ("yes" if question.required else "no")
    if question.choices:
        assert set(re.findall(r"[a-z0-9_]+", cells[4])) >= set(question.choices.values)


@pytest.mark.parametrize("key", CautionKey.values)
def test_every_caution_is_documented_with_its_severity_per_treatment(key):
    cells = table_row(key, CAUTIONS_PART)
    documented = {}
    for part in cells[2].split(";"):
        severity, treatments = part.split(":")
        assert severity.strip() in Severity.values, part
        for treatment in treatments.split(","):
            documented[treatment.strip()] = severity.strip()
    assert documented == SEED[key]["severity"]
    assert cells[3], f"{key} names no source"


def test_every_caution_in_the_trigger_table_is_in_the_seed_and_the_doc():
    assert [trigger.caution for trigger in TRIGGERS] == list(SEED) == CautionKey.values


def test_every_source_cited_is_listed():
    cited = set(re.findall(r"\bS\d+\b", DOC))
    listed = set(re.findall(r"^- (S\d+) ", DOC, flags=re.MULTILINE))
    assert cited <= listed, cited - listed


def test_code_cites_the_rules_doc_not_a_file_the_repository_does_not_have():
    citing = [
        str(path.relative_to(ROOT))
        for folder in ("clinic", "education", "intake", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts and "DOMAIN" + ".md" in path.read_text()
    ]
    assert citing == []


def test_the_fit_table_is_the_seed_cell_for_cell():
    part = DOC[DOC.index("## Fit table") : DOC.index("## Cautions")]
    header, *body = [line for line in part.splitlines() if line.startswith("| ")]
    scar_types = [cell.strip() for cell in header.strip("|").split("|")][1:]
    documented = {}
    for line in body:
        treatment, *levels = [cell.strip().strip("`") for cell in line.strip("|").split("|")]
        documented.update({(treatment, s): lv for s, lv in zip(scar_types, levels, strict=True)})
    seed = json.loads((ROOT / "education/content/fits.json").read_text())
    assert documented == {(row["treatment"], row["scar_type"]): row["level"] for row in seed}
