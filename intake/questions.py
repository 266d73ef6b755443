"""The intake's questions, each declared once (docs/clinical-rules.md, "Questions").

Everything that needs a question reads it from here: the step forms (``intake/forms.py``),
the model columns and the staff labels (``intake/models.py``), the check-your-answers rows
(``intake/steps.py``), what ``intake_submit`` saves and what the rules read
(``intake/services.py``), the rules' ``Answers`` (``intake/rules``) and the test fixtures.
Adding a question is one declaration here plus a migration; ``tests/intake/test_questions.py``
fails when the model, the forms and this registry disagree.

Pure (no models): ``intake/models.py`` and the pure rules import it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _

from intake import choices


class Kind(enum.StrEnum):
    """How a question is asked, which decides its form field and its column."""

    SINGLE = "single"  # one choice (radio buttons); a CharField column
    MULTI = "multi"  # several choices (checkboxes); one IntakeChoice row per answer
    NAME = "name"  # a short line of text
    EMAIL = "email"
    PHONE = "phone"
    DATE = "date"
    TEXT = "text"  # free text, always optional
    CONSENT = "consent"  # a box that must be ticked
    SIGNATURE = "signature"  # the full name typed to sign; the intake keeps the date too


TEXT_MAX = 2000


@dataclass(frozen=True, kw_only=True)
class Question:
    """One intake question.

    ``domain_id`` is its id in docs/clinical-rules.md ("D7"). ``wording`` is what the patient
    reads (the form label and the check-your-answers label); ``staff_label`` is the short
    form the dermatologist and the admin see. ``wording`` and ``hint`` are ``gettext_lazy``
    (the patient's language); ``staff_label`` is always English. ``read_by`` names what uses
    the answer: caution keys, "matching", "skin type" or "dermatologist". ``rules`` says
    whether the pure rules
    read it (it then becomes a field of ``rules.Answers``). ``exclusive`` are the answers of
    a multi question that cannot go with others ("None of these"). ``max_length`` is the
    column's length (and the form's limit for typed answers).
    """

    key: str
    step: str
    domain_id: str
    wording: str
    staff_label: str
    kind: Kind
    choices: type[models.TextChoices] | None = None
    required: bool = True
    hint: str = ""
    not_sure: str | None = None
    exclusive: tuple[str, ...] = ()
    read_by: tuple[str, ...] = ()
    rules: bool = False
    max_length: int | None = None

    @property
    def multi(self) -> bool:
        return self.kind == Kind.MULTI

    @cached_property
    def label_of(self) -> dict[str, str]:
        # Built once per question (the review page asks some 34 times); the labels are
        # lazy, so the dict still reads in whichever language is active.
        return dict(self.choices.choices) if self.choices else {}


def _q(**kwargs) -> Question:
    choice_class = kwargs.get("choices")
    if choice_class is not None and "not_sure" not in kwargs:
        kwargs["not_sure"] = "not_sure" if "not_sure" in choice_class.values else None
    return Question(**kwargs)


S, M = Kind.SINGLE, Kind.MULTI
C = choices

QUESTIONS: tuple[Question, ...] = (
    # A: about you
    _q(key="first_name", step="about-you", domain_id="A", wording=_("First name"),
       staff_label="First name", kind=Kind.NAME, max_length=100),
    _q(key="last_name", step="about-you", domain_id="A", wording=_("Last name"),
       staff_label="Last name", kind=Kind.NAME, max_length=100),
    _q(key="date_of_birth", step="about-you", domain_id="A1", wording=_("Date of birth"),
       staff_label="A1 Date of birth", kind=Kind.DATE,
       hint=_("For example, 3 27 1995 for March 27, 1995. "
              "You must be 18 or older to use this form."),
       read_by=("age_under_22", "under-18 policy"), rules=True),
    _q(key="email", step="about-you", domain_id="A", wording=_("Email address"),
       staff_label="Email address", kind=Kind.EMAIL, max_length=254, required=False,
       hint=_("We send your reading list link here. We never email your health answers. "
       "You may leave this empty if you give a phone number.")),
    _q(key="phone", step="about-you", domain_id="A", wording=_("Phone number"),
       staff_label="Phone number", kind=Kind.PHONE, required=False, max_length=30,
       hint=_("So the clinic can call you about your visit.")),
    # B: your scars
    _q(key="scar_locations", step="your-scars", domain_id="B1",
       wording=_("Where are your scars?"), staff_label="B1 Where are your scars?", kind=M,
       choices=C.ScarLocation, read_by=("matching",), rules=True),
    _q(key="scar_duration", step="your-scars", domain_id="B2",
       wording=_("How long have you had them?"), staff_label="B2 How long", kind=S,
       choices=C.ScarDuration, required=False, read_by=("matching",), rules=True,
       max_length=20),
    _q(key="scar_looks", step="your-scars", domain_id="B3",
       wording=_("Which of these look like your scars or marks?"),
       staff_label="B3 Which look like yours?", kind=M, choices=C.ScarLook,
       hint=_("Choose all that apply. It's fine to be unsure; your dermatologist will check."),
       # "Not sure" goes with known types too (some scars known, some not): the guide then
       # matches the known ones and asks which types the rest are (docs/clinical-rules.md).
       read_by=("matching", "keloid_tendency"), rules=True),
    _q(key="stretch_test", step="your-scars", domain_id="B4",
       wording=_("Stretch test: gently stretch the skin beside a dent. "
       "Does the dent get shallower?"),
       staff_label="B4 Stretch test", kind=S, choices=C.StretchTest, required=False,
       read_by=("matching",), rules=True, max_length=20),
    _q(key="visibility", step="your-scars", domain_id="B5", wording=_("Who notices your scars?"),
       staff_label="B5 Who notices them", kind=S, choices=C.Visibility, required=False,
       read_by=("dermatologist",), max_length=30),
    _q(key="bother", step="your-scars", domain_id="B6",
       wording=_("How much do your scars bother you?"), staff_label="B6 How much they bother",
       kind=S, choices=C.Bother, required=False, read_by=("dermatologist",), max_length=20),
    _q(key="active_acne", step="your-scars", domain_id="B7",
       wording=_("Do you have acne spots now?"), staff_label="B7 Acne spots now", kind=S,
       choices=C.ActiveAcne, read_by=("active_acne",), rules=True, max_length=10),
    _q(key="sore_or_infection_now", step="your-scars", domain_id="B8",
       wording=_("Do you have a cold sore, rash or infection where your scars are, right now?"),
       staff_label="B8 Cold sore, rash or infection now", kind=S, choices=C.YesNo,
       read_by=("active_acne",), rules=True, max_length=3),
    # C: your skin
    _q(key="sun_reaction", step="your-skin", domain_id="C1",
       wording=_("Think of your first strong summer sun of the year: about an hour, no "
       "sunscreen. What happens to your skin?"),
       staff_label="C1 First strong sun", kind=S, choices=C.SunReaction,
       read_by=("skin type", "darker_skin_type"), rules=True, max_length=10),
    _q(key="skin_colour", step="your-skin", domain_id="C2",
       wording=_("What is your natural skin color, where the sun does not reach?"),
       staff_label="C2 Natural skin color", kind=S, choices=C.SkinColour, required=False,
       read_by=("skin type", "darker_skin_type"), rules=True, max_length=20),
    _q(key="recent_sun", step="your-skin", domain_id="C3",
       wording=_("In the last 4 weeks, have you had any of these? Or is a trip planned?"),
       staff_label="C3 Recent sun", kind=M, choices=C.RecentSun,
       exclusive=(C.RecentSun.NONE,), read_by=("recent_tan",), rules=True),
    _q(key="keloid_self", step="your-skin", domain_id="C4",
       wording=_("Have you ever had keloids or thick, raised scars?"),
       staff_label="C4 Keloids (self)", kind=S, choices=C.YesNoNotSure,
       read_by=("keloid_tendency",), rules=True, max_length=10),
    _q(key="keloid_family", step="your-skin", domain_id="C4",
       wording=_("Has a parent, brother, sister or child had keloids?"),
       staff_label="C4 Keloids (close family)", kind=S, choices=C.YesNoNotSure,
       read_by=("keloid_tendency",), rules=True, max_length=10),
    _q(key="dark_marks_last", step="your-skin", domain_id="C5",
       wording=_("Do spots or cuts leave dark marks on your skin that last for months?"),
       staff_label="C5 Dark marks that last", kind=S, choices=C.YesNoNotSure,
       required=False, read_by=("darker_skin_type",), rules=True, max_length=10),
    # D: health and medicines
    _q(key="pregnancy", step="health", domain_id="D1", wording=_("Pregnancy and breastfeeding"),
       staff_label="D1 Pregnancy", kind=S, choices=C.Pregnancy,
       read_by=("isotretinoin_with_pregnancy", "isotretinoin_planning_pregnancy",
                "pregnant_or_breastfeeding", "planning_pregnancy"),
       rules=True, max_length=20),
    _q(key="isotretinoin", step="health", domain_id="D2",
       wording=_("Isotretinoin (Accutane and other brands) for acne"),
       staff_label="D2 Isotretinoin", kind=S, choices=C.Isotretinoin,
       read_by=("isotretinoin_with_pregnancy", "isotretinoin_planning_pregnancy",
                "isotretinoin_recent"),
       rules=True, max_length=30),
    _q(key="blood_thinners", step="health", domain_id="D3", wording=_("Do you take any of these?"),
       staff_label="D3 Medicines that raise bruising", kind=M, choices=C.BloodThinner,
       hint=_("Keep taking your medicines as prescribed. Just tell us what you take."),
       exclusive=(C.BloodThinner.NONE, C.BloodThinner.NOT_SURE),
       read_by=("blood_thinners",), rules=True),
    _q(key="bleeding_disorder", step="health", domain_id="D4",
       wording=_("Do you have a bleeding disorder, or bruise very easily?"),
       staff_label="D4 Bleeding disorder or easy bruising", kind=S, choices=C.YesNoNotSure,
       read_by=("bleeding_disorder",), rules=True, max_length=10),
    _q(key="health_conditions", step="health", domain_id="D5",
       wording=_("Do you have any of these?"), staff_label="D5 Health conditions", kind=M,
       choices=C.HealthCondition, exclusive=(C.HealthCondition.NONE,),
       read_by=("autoimmune_or_immunosuppressed", "poor_healing"), rules=True),
    _q(key="health_other", step="health", domain_id="D5",
       wording=_("If you chose “Something else”, what is it?"),
       staff_label="D5 Other health condition", kind=Kind.TEXT, required=False,
       read_by=("dermatologist",), max_length=TEXT_MAX),
    _q(key="cold_sores", step="health", domain_id="D6", wording=_("Do you get cold sores?"),
       staff_label="D6 Cold sores", kind=S, choices=C.YesNoNotSure,
       read_by=("cold_sores",), rules=True, max_length=10),
    _q(key="implants", step="health", domain_id="D7",
       wording=_("Do you have any of these implants?"), staff_label="D7 Implants", kind=M,
       choices=C.Implant, exclusive=(C.Implant.NONE, C.Implant.NOT_SURE),
       read_by=("implanted_device_or_metal", "gold_threads"), rules=True),
    _q(key="allergies", step="health", domain_id="D8",
       wording=_("Are you allergic to any of these?"), staff_label="D8 Allergies", kind=M,
       choices=C.Allergy, exclusive=(C.Allergy.NONE,),
       read_by=("bovine_collagen_allergy", "lidocaine_allergy", "filler_reaction",
                "severe_allergy_history"),
       rules=True),
    _q(key="allergy_other", step="health", domain_id="D8",
       wording=_("If you chose “Something else”, what are you allergic to?"),
       staff_label="D8 Other allergy", kind=Kind.TEXT, required=False,
       read_by=("dermatologist",), max_length=TEXT_MAX),
    _q(key="smokes", step="health", domain_id="D9", wording=_("Do you smoke or vape nicotine?"),
       staff_label="D9 Smokes or vapes", kind=S, choices=C.YesNo, read_by=("smoker",),
       rules=True, max_length=3),
    _q(key="other_medicines", step="health", domain_id="D10",
       wording=_("Other medicines and supplements you take"),
       staff_label="D10 Other medicines", kind=Kind.TEXT, required=False,
       read_by=("dermatologist",), max_length=TEXT_MAX),
    _q(key="slow_healing", step="health", domain_id="D11",
       wording=_("Has your skin healed slowly, or scarred badly, after a cut or a procedure?"),
       staff_label="D11 Slow healing", kind=S, choices=C.YesNoNotSure,
       read_by=("poor_healing",), rules=True, max_length=10),
    # E: past treatments
    _q(key="past_treatments", step="past-treatments", domain_id="E1",
       wording=_("Which scar treatments have you had before?"),
       staff_label="E1 Past scar treatments", kind=M, choices=C.PastTreatment,
       exclusive=(C.PastTreatment.NONE,), read_by=("matching", "filler_reaction"),
       rules=True),
    _q(key="past_treatment_details", step="past-treatments", domain_id="E1",
       wording=_("When did you have them, and how did they go?"),
       staff_label="E1 When, and how it went", kind=Kind.TEXT, required=False,
       hint=_("For example: “Laser, 2 sessions in 2023, a little better.”"),
       read_by=("dermatologist",), max_length=TEXT_MAX),
    _q(key="past_problems", step="past-treatments", domain_id="E2",
       wording=_("Have you had any of these problems after a skin treatment?"),
       staff_label="E2 Problems after a skin treatment", kind=M, choices=C.PastProblem,
       exclusive=(C.PastProblem.NONE,),
       read_by=("darker_skin_type", "cold_sores", "filler_reaction", "poor_healing"),
       rules=True),
    # F: goals and limits
    _q(key="goals", step="goals", domain_id="F1", wording=_("What would you most like to change?"),
       staff_label="F1 Goals", kind=M, choices=C.Goal, exclusive=(C.Goal.NOT_SURE,),
       read_by=("matching", "keloid_tendency"), rules=True),
    _q(key="time_off", step="goals", domain_id="F2",
       wording=_("How much time off can you take after a visit, if your skin is red?"),
       staff_label="F2 Time off", kind=S, choices=C.TimeOff, read_by=("matching",),
       rules=True, max_length=20),
    _q(key="visits_possible", step="goals", domain_id="F3",
       wording=_("How many visits can you manage?"), staff_label="F3 Visits", kind=S,
       choices=C.VisitsPossible, read_by=("matching",), rules=True, max_length=20),
    _q(key="event_date", step="goals", domain_id="F4",
       wording=_("Is there an event you want to plan around? If so, when is it?"),
       staff_label="F4 Event to plan around", kind=Kind.DATE, required=False,
       hint=_("For example, 6 12 2027 for a wedding on June 12, 2027."),
       read_by=("dermatologist",)),
    _q(key="consultation_on", step="goals", domain_id="F6",
       wording=_("Have you booked a consultation with the clinic? If so, on what date?"),
       staff_label="F6 Consultation date", kind=Kind.DATE, required=False,
       hint=_("Leave blank if you have not booked yet. "
              "For example, 1 15 2027 for January 15, 2027."),
       read_by=("dermatologist", "queue order")),
    _q(key="anything_else", step="goals", domain_id="F5",
       wording=_("Is there anything else you want your dermatologist to know?"),
       staff_label="F5 Anything else", kind=Kind.TEXT, required=False,
       read_by=("dermatologist",), max_length=TEXT_MAX),
    # G: consent
    _q(key="consent_true", step="consent", domain_id="G1",
       wording=_("My answers are true to the best of my knowledge."),
       staff_label="G1 Answers are true", kind=Kind.CONSENT),
    _q(key="consent_not_diagnosis", step="consent", domain_id="G2",
       wording=_("I understand this form is not a diagnosis. A dermatologist will review my "
       "answers and talk with me."),
       staff_label="G2 Not a diagnosis", kind=Kind.CONSENT),
    _q(key="consent_storage", step="consent", domain_id="G3",
       wording=_("The clinic may store my answers for its dermatologists, as the privacy "
       "notice says."),
       staff_label="G3 Storage", kind=Kind.CONSENT),
    _q(key="consent_privacy_notice", step="consent", domain_id="G5",
       wording=_("I have read the Notice of Privacy Practices."),
       staff_label="G5 Read the Notice of Privacy Practices", kind=Kind.CONSENT),
    _q(key="signature_name", step="consent", domain_id="G4",
       wording=_("Type your full name to sign"), staff_label="G4 Signed by (typed name)",
       kind=Kind.SIGNATURE, max_length=200),
)  # fmt: skip

BY_KEY: dict[str, Question] = {question.key: question for question in QUESTIONS}
MULTI_QUESTIONS: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.multi)
# Answers saved in the Intake row itself (everything but the multi-answer questions).
SINGLE_FIELDS: tuple[str, ...] = tuple(q.key for q in QUESTIONS if not q.multi)
RULE_QUESTIONS: tuple[Question, ...] = tuple(
    q for q in QUESTIONS if q.rules and q.kind in (Kind.SINGLE, Kind.MULTI)
)


def questions_for(step: str) -> tuple[Question, ...]:
    return tuple(question for question in QUESTIONS if question.step == step)
