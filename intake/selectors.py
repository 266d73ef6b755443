"""Reads for the intake: the rule book built from the admin-edited rows (cached per content
version), the guide a link opens and the sections of the personal guide, and the reading
list with what the patient opened (the review page's other reads: intake/review/record.py)."""

import hashlib

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from education.cache import content_version
from education.models import Caution, CautionEffect, ScarType, Treatment, TreatmentFit
from education.page_titles import PAGE_TITLES
from education.selectors import rulebook_snapshot
from education.services import rulebook_version_record
from intake import rules
from intake.choices import GuidePage, ScarLook
from intake.guide_questions import question_groups
from intake.models import Intake
from intake.rules.wording import shown_result, shown_sentence

# "Questions for any treatment", in our words.
# Kept and compared in English (the stored guide's questions are English); shown translated.
GENERAL_QUESTIONS = (
    gettext_noop("How many sessions would I need, and over how many months?"),
    gettext_noop("How much time off would I need after each visit?"),
    gettext_noop("What result is realistic for my scars and my skin type?"),
    gettext_noop("What are the risks for me?"),
    gettext_noop("What does the whole course cost?"),
    gettext_noop("What happens if I do nothing?"),
)


def _treatment_questions(slugs):
    """{slug: (English questions, the same in the active language)} of published treatments,
    in one query. The guide compares and prunes the English ones (what the stored guide
    holds, whatever the patient's language) and shows the patient's language line by line,
    when the treatment has a translated ``questions_<lang>`` field of the same length."""
    language = (translation.get_language() or "en").replace("-", "_")
    names = {field.name for field in Treatment._meta.get_fields()}
    local = f"questions_{language}" if language != "en" else ""
    columns = ["slug", "questions", *([local] if local in names else [])]
    with translation.override("en"):
        rows = Treatment.objects.published().filter(slug__in=slugs).values_list(*columns)
        rows = list(rows)
    found = {}
    for slug, english, *translated in rows:
        english_lines = [line.strip() for line in english.splitlines()]
        local_lines = [line.strip() for line in (translated[0] if translated else "").splitlines()]
        found[slug] = (english_lines, local_lines)
    return found


def _shown_groups(groups, translated, local):
    """The groups with each (English) question in the patient's language."""
    for group in groups:
        group.title = str(group.title)
        group.questions = [translated.get(q) or shown_sentence(q, local) for q in group.questions]
    return groups


# The admin rows' texts a stored guide quotes in English, where the row has a translated
# ``<field>_<lang>`` column (django-modeltranslation).
_QUOTED_FIELDS = (
    (Treatment, "name"),
    (TreatmentFit, "reason"),
    (ScarType, "you_said"),
    (Caution, "title"),
    (Caution, "patient_wording"),
    (Caution, "not_sure_wording"),
    (Caution, "question"),
)


def _quoted_translations():
    """{English text: the same in the active language} for the rows' texts a stored guide
    quotes; empty in English, or while the rows have no translated columns."""
    language = (translation.get_language() or "en").split("-")[0]
    found = {}
    if language == "en":
        return found
    for model, field in _QUOTED_FIELDS:
        local = f"{field}_{language}"
        if local not in {f.name for f in model._meta.get_fields()}:
            continue
        with translation.override("en"):
            rows = list(model.objects.values_list(field, local))
        found.update({english: text for english, text in rows if english and text})
    return found


# Built rule books by content version: rebuilding one reads every fit and caution,
# and the rows change only when an editor saves (which bumps the version).
_RULEBOOKS = {}


def rulebook_load():
    """The rule book and its version, cached per education content version.

    The version is the hash of the rule book's snapshot (education.rulebook), and
    the snapshot is recorded on every call: an idempotent get-or-create keyed by
    that hash, inside the caller's transaction. So every intake's rule_version
    names a stored snapshot, even if the build was cached by a request that rolled
    back, and the sign-off screen can say whether that version was signed."""
    try:
        version = content_version()
    except Exception:  # noqa: BLE001 - with the cache down, build it afresh
        book, snapshot = _rulebook_build()
    else:
        cached = _RULEBOOKS.get(version)
        if cached is None:
            cached = _rulebook_build()
            _RULEBOOKS.clear()  # keep only the current one
            _RULEBOOKS[version] = cached
        book, snapshot = cached
    return book, rulebook_version_record(snapshot=snapshot).digest


def _rulebook_build():
    """The rule book from the current rows: published treatments only, so a draft
    (subcision today) is never suggested. Returns (rulebook, its snapshot).

    Always in English (the rows' `_en` text), whatever language the request is in: the
    build is cached for every later request, and what the rules store is English."""
    with translation.override("en"):
        return _rulebook_build_in_english()


def _rulebook_build_in_english():
    treatments = list(
        Treatment.objects.published()
        .order_by("order")
        .values(
            "key", "name", "slug", "sessions_min", "sessions_max",
            "downtime_min_days", "downtime_max_days", "questions", "updated_at",
        )
    )  # fmt: skip
    published_keys = {treatment["key"] for treatment in treatments}
    fits = list(
        TreatmentFit.objects.filter(treatment__key__in=published_keys).values(
            "treatment__key", "scar_type__key", "level", "reason", "updated_at"
        )
    )
    cautions = list(
        Caution.objects.values(
            "pk",
            "key",
            "title",
            "patient_wording",
            "not_sure_wording",
            "clinician_note",
            "question",
            "updated_at",
        )
    )
    severities = {}
    for caution_id, treatment_key, severity in CautionEffect.objects.values_list(
        "caution_id", "treatment__key", "severity"
    ):
        if treatment_key in published_keys:
            severities.setdefault(caution_id, {})[treatment_key] = severity
    book = rules.RuleBook(
        treatments=tuple(
            rules.TreatmentFacts(
                key=row["key"],
                name=row["name"],
                slug=row["slug"],
                sessions_min=row["sessions_min"],
                sessions_max=row["sessions_max"],
                downtime_min_days=row["downtime_min_days"],
                downtime_max_days=row["downtime_max_days"],
                questions=tuple(
                    line.strip() for line in row["questions"].splitlines() if line.strip()
                ),
            )
            for row in treatments
        ),
        fits=tuple(
            rules.FitRow(
                treatment=row["treatment__key"],
                scar_type=row["scar_type__key"],
                level=row["level"],
                reason=row["reason"],
            )
            for row in fits
        ),
        scar_types=tuple(
            rules.ScarTypeFacts(**row)
            for row in ScarType.objects.order_by("order").values("key", "name", "slug", "you_said")
        ),
        cautions=tuple(
            rules.CautionText(
                key=row["key"],
                title=row["title"],
                patient_wording=row["patient_wording"],
                clinician_note=row["clinician_note"],
                severity=severities.get(row["pk"], {}),
                question=row["question"],
                not_sure_wording=row["not_sure_wording"],
            )
            for row in cautions
        ),
        general_questions=GENERAL_QUESTIONS,
    )
    # The snapshot is read just after the rows above: an edit committed between the
    # two reads gives this book the next version's hash until the next rebuild, which
    # that edit's content-version bump triggers at once.
    return book, rulebook_snapshot()


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def guide_for_token(token):
    """The intake a guide link opens, or None when the token is wrong or expired."""
    if not token or len(token) > 100:
        return None
    return Intake.objects.with_guide_token_hash(token_hash(token)).first()


def reading_list_with_opens(intake):
    """The suggested explainers, each with when (if ever) the patient opened it."""
    opens = {}
    for event in intake.guide_opens.all():
        opens.setdefault(event.page, []).append(event.opened_at)
    result = intake.match_result or {}
    rows = []
    for group, items in (
        ("Suggested", result.get("suggestions", [])),
        ("Other option", result.get("other_options", [])),
        ("Not suggested (contraindicated)", result.get("not_suggested", [])),
    ):
        for item in items:
            rows.append(
                {
                    "group": group,
                    "name": item["name"],
                    "slug": item["slug"],
                    "opened": opens.get(f"treatment:{item['slug']}", []),
                }
            )
    other_pages = [
        {"page": page, "opened": times}
        for page, times in opens.items()
        if not page.startswith("treatment:")
    ]
    return rows, other_pages


# Where a reading-list link may lead besides treatment and scar-type pages. "What is an
# acne scar?" opens the scar guide page, so both keys lead to one link.
GUIDE_PAGES = {
    GuidePage.WHAT_IS_ACNE_SCAR: "education:scar_guide",
    GuidePage.SCAR_GUIDE: "education:scar_guide",
    GuidePage.COMPARE: "education:compare",
}
# The raised-scar and marks pages are those scar types' pages.
GUIDE_PAGE_SCARS = {
    GuidePage.RAISED_SCARS: (ScarLook.HYPERTROPHIC, ScarLook.KELOID),
    GuidePage.MARKS: (ScarLook.PIH, ScarLook.PIE),
}


def guide_reading_list(intake, *, link):
    """The personal guide's sections from the stored match, with every page the
    patient may open as a recorded link; `link(kind, slug)` builds that link."""
    local = _quoted_translations()
    result = shown_result(rules.MatchResult.from_dict(intake.match_result), local)
    scar_types = {scar.key: scar for scar in ScarType.objects.published()}
    pages, seen = [], set()
    for key in result.pages:
        # Results stored before "what_is_acne_scar" and "scar_guide" were merged name both:
        # one link per page; a key a later version dropped is skipped, never an error.
        target = GUIDE_PAGES.get(key)
        if target and target not in seen:
            seen.add(target)
            page_key = GuidePage.SCAR_GUIDE if target == GUIDE_PAGES[GuidePage.SCAR_GUIDE] else key
            pages.append(
                {
                    "key": str(page_key),
                    "url": link("page", page_key),
                    "title": PAGE_TITLES.get(str(page_key), str(GuidePage(page_key).label)),
                }
            )
        for scar_key in GUIDE_PAGE_SCARS.get(key, ()):
            if scar_key in scar_types and scar_key not in seen:
                seen.add(scar_key)
                scar = scar_types[scar_key]
                pages.append({"scar": scar, "url": link("scar", scar.slug)})
    titles = {caution.key: caution.title for caution in result.cautions}
    # Links only to pages published now: a treatment put back to draft after this guide
    # was made is named, never linked.
    listed = [*result.suggestions, *result.other_options, *result.not_suggested]
    questions_by_slug = _treatment_questions({item.slug for item in listed})
    published = {slug: english for slug, (english, _local) in questions_by_slug.items()}
    translated = {
        english: local
        for english_lines, local_lines in questions_by_slug.values()
        if len(local_lines) == len(english_lines)
        for english, local in zip(english_lines, local_lines, strict=True)
        if local
    }

    def treatment_url(slug):
        return link("treatment", slug) if slug in published else None

    def reading_item(suggestion):
        return {
            "suggestion": suggestion,
            "url": treatment_url(suggestion.slug),
            "cautions": [(key, titles.get(key, key)) for key in suggestion.caution_keys],
        }

    reading_list = [reading_item(item) for item in result.suggestions]

    return {
        "result": result,
        "pages": pages,
        "your_scars": [
            {"scar": scar_types[key], "url": link("scar", scar_types[key].slug)}
            for key in result.scar_types
            if key in scar_types
        ],
        "reading_list": reading_list,
        "other_options": [reading_item(item) for item in result.other_options],
        "not_suggested": [
            {"item": item, "url": treatment_url(item.slug)} for item in result.not_suggested
        ],
        "cost_page_title": PAGE_TITLES["cost"],
        "question_groups": _shown_groups(
            question_groups(
                questions=list(result.questions),
                general=GENERAL_QUESTIONS,
                treatments=[
                    (row["suggestion"].name, row["url"], published[row["suggestion"].slug])
                    for row in reading_list
                    if row["url"]
                ],
            ),
            translated,
            local,
        ),
        "urgent_cautions": result.urgent_cautions,
        "before_any_cautions": result.before_any_cautions,
    }


def guide_link_target(kind, slug):
    """Where a recorded guide link goes: a published page only, else None."""
    if kind == "treatment" and Treatment.objects.published().filter(slug=slug).exists():
        return reverse("education:treatment_detail", kwargs={"slug": slug})
    if kind == "scar" and ScarType.objects.published().filter(slug=slug).exists():
        return reverse("education:scar_detail", kwargs={"slug": slug})
    if kind == "page" and slug in GUIDE_PAGES:
        return reverse(GUIDE_PAGES[slug])
    return None
