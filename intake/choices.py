"""Closed answer sets for the intake and the rule vocabularies (docs/clinical-rules.md).

One module owns these values because the form, the models, the stored match output and the
pure rules in ``intake/rules.py`` all compare against them: a value changed here changes
everywhere at once, and a stored intake stays readable.

Values are short snake_case and never shown to patients. Labels are patient-facing, plain
words (8th grade or lower), and offer "Not sure" where a patient may not know. Scar values
are the scar keys and treatment values the treatment keys, because the
fit matrix and the cautions are keyed by them.

Patient-facing labels are ``gettext_lazy`` (issue #15: English and Spanish); the keys never
change with the language, and only keys are stored. Reading a label needs Django's settings;
anything stored or shown to staff reads it under ``translation.override("en")``. The staff-facing
``TreatmentKey`` and ``CautionKey`` labels stay plain English.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScarLocation(models.TextChoices):
    """B1: where the scars are. Cheeks matter for the Bellafill note."""

    FOREHEAD = "forehead", _("Forehead")
    TEMPLES = "temples", _("Temples (the sides of the forehead)")
    CHEEKS = "cheeks", _("Cheeks")
    NOSE = "nose", _("Nose")
    CHIN_JAW = "chin_jaw", _("Chin or jaw")
    NECK = "neck", _("Neck")
    CHEST = "chest", _("Chest")
    BACK = "back", _("Back")
    SHOULDERS = "shoulders", _("Shoulders")
    OTHER = "other", _("Somewhere else")


class ScarDuration(models.TextChoices):
    """B2: marks under a year old may still fade on their own."""

    UNDER_1_YEAR = "under_1_year", _("Less than 1 year")
    ONE_TO_FIVE_YEARS = "one_to_five_years", _("1 to 5 years")
    OVER_5_YEARS = "over_5_years", _("More than 5 years")
    NOT_SURE = "not_sure", _("Not sure")


class ScarLook(models.TextChoices):
    """B3: which scars look like yours. Values are the scar keys."""

    ICE_PICK = "ice_pick", _("Small, deep holes, as if poked by a sharp tool (ice pick)")
    BOXCAR = (
        "boxcar",
        _(
            "Round or oval dents with steep, sharp edges and a flat bottom, like chickenpox scars "
            "(boxcar)"
        ),
    )
    ROLLING = (
        "rolling",
        _("Wide, soft dips with sloping edges that make the skin look wavy (rolling)"),
    )
    HYPERTROPHIC = (
        "hypertrophic",
        _("Firm, raised scars that stay inside the spot where the pimple was (hypertrophic)"),
    )
    KELOID = (
        "keloid",
        _("Raised scars that grow past the spot where the pimple was and may itch (keloid)"),
    )
    PIH = "pih", _("Flat brown or dark marks")
    PIE = "pie", _("Flat pink, red or purple marks")
    NOT_SURE = "not_sure", _("Not sure")


class StretchTest(models.TextChoices):
    """B4: a hint whether dents are soft (distensible)."""

    YES = "yes", _("Yes, they get shallower")
    NO = "no", _("No, they stay the same")
    SOME = "some", _("Some do, some don't")
    DID_NOT_TRY = "did_not_try", _("I didn't try")


class Visibility(models.TextChoices):
    """B5: a self-estimate for the dermatologist, never shown back as a grade."""

    ONLY_ME_UP_CLOSE = "only_me_up_close", _("Only me, up close")
    OTHERS_UP_CLOSE_COVERED = (
        "others_up_close_covered",
        _("Others up close, but makeup or a beard hides them"),
    )
    EASY_FACE_TO_FACE = "easy_face_to_face", _("Easy to see face to face")
    FROM_FURTHER_AWAY = "from_further_away", _("Easy to see from further away")


class Bother(models.TextChoices):
    """B6: four steps from "not at all" to "very much"."""

    NOT_AT_ALL = "not_at_all", _("Not at all")
    A_LITTLE = "a_little", _("A little")
    QUITE_A_BIT = "quite_a_bit", _("Quite a bit")
    VERY_MUCH = "very_much", _("Very much")


class ActiveAcne(models.TextChoices):
    """B7: acne spots now."""

    NONE = "none", _("None")
    A_FEW = "a_few", _("A few spots")
    MANY = "many", _("Many spots, or painful lumps")


class YesNo(models.TextChoices):
    """B8, D9: questions every patient can answer for sure."""

    YES = "yes", _("Yes")
    NO = "no", _("No")


class YesNoNotSure(models.TextChoices):
    """C4 (self and family), C5, D4, D6, D11."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class SunReaction(models.TextChoices):
    """C1: Fitzpatrick type I-VI. The numerals are internal; patients see only words."""

    TYPE_1 = "type_1", _("I always burn and never tan")
    TYPE_2 = "type_2", _("I usually burn and tan a little")
    TYPE_3 = "type_3", _("I sometimes burn and tan slowly")
    TYPE_4 = "type_4", _("I rarely burn and tan easily")
    TYPE_5 = "type_5", _("I very rarely burn and tan deeply")
    TYPE_6 = "type_6", _("I never burn; my skin is naturally very dark")
    NOT_SURE = "not_sure", _("Not sure")


class SkinColour(models.TextChoices):
    """C2: natural skin color, the backup for C1. Ordered ivory (I) to very dark (VI)."""

    IVORY = "ivory", _("Ivory")
    FAIR = "fair", _("Fair")
    LIGHT_BROWN = "light_brown", _("Light brown or olive")
    MEDIUM_BROWN = "medium_brown", _("Medium brown")
    DARK_BROWN = "dark_brown", _("Dark brown")
    VERY_DARK = "very_dark", _("Very dark brown or black")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("I'd rather not say")


class RecentSun(models.TextChoices):
    """C3 (several answers): sun in the last 4 weeks, or a sunny trip planned."""

    TAN = "tan", _("A tan")
    SUNBURN = "sunburn", _("A sunburn")
    SUNBED = "sunbed", _("I used a sunbed")
    SELF_TANNER = "self_tanner", _("I used self-tanner")
    SUN_TRIP_PLANNED = "sun_trip_planned", _("I have a sunny trip planned")
    NONE = "none", _("None of these")


class Pregnancy(models.TextChoices):
    """D1."""

    PREGNANT = "pregnant", _("I'm pregnant")
    BREASTFEEDING = "breastfeeding", _("I'm breastfeeding")
    PLANNING = "planning", _("I may get pregnant in the next 12 months")
    NONE = "none", _("None of these")
    PREFER_TO_DISCUSS = "prefer_to_discuss", _("I'd rather talk about it with the doctor")


class Isotretinoin(models.TextChoices):
    """D2: isotretinoin (Accutane and other brands)."""

    TAKING_NOW = "taking_now", _("I take it now")
    STOPPED_UNDER_6_MONTHS = "stopped_under_6_months", _("I stopped less than 6 months ago")
    STOPPED_6_TO_12_MONTHS = "stopped_6_to_12_months", _("I stopped 6 to 12 months ago")
    STOPPED_OVER_12_MONTHS = "stopped_over_12_months", _("I stopped more than 12 months ago")
    NEVER = "never", _("I have never taken it")
    NOT_SURE = "not_sure", _("Not sure")


class BloodThinner(models.TextChoices):
    """D3 (several answers): medicines and supplements that raise bruising."""

    BLOOD_THINNER = (
        "blood_thinner",
        _("A blood thinner (for example warfarin, apixaban or clopidogrel)"),
    )
    ASPIRIN = "aspirin", _("Aspirin")
    PAIN_RELIEVER = "pain_reliever", _("Ibuprofen or naproxen, taken often")
    FISH_OIL = "fish_oil", _("Fish oil")
    VITAMIN_E = "vitamin_e", _("Vitamin E")
    GINKGO_GARLIC = "ginkgo_garlic", _("Ginkgo or garlic pills")
    NONE = "none", _("None of these")
    NOT_SURE = "not_sure", _("Not sure")


class HealthCondition(models.TextChoices):
    """D5 (several answers). "Other" comes with a text answer."""

    AUTOIMMUNE = (
        "autoimmune",
        _(
            "An autoimmune or immune-related condition (for example lupus, scleroderma, vitiligo "
            "or psoriasis)"
        ),
    )
    IMMUNOSUPPRESSED = (
        "immunosuppressed",
        _("A weak immune system, or medicine that weakens the immune system"),
    )
    DIABETES = "diabetes", _("Diabetes")
    OTHER = "other", _("Something else")
    NONE = "none", _("None of these")


class Implant(models.TextChoices):
    """D7 (several answers): matters for RF microneedling (docs/clinical-rules.md, "Cautions")."""

    PACEMAKER = "pacemaker", _("A pacemaker or defibrillator")
    OTHER_DEVICE = "other_device", _("Another electronic device inside the body")
    METAL_IN_FACE = "metal_in_face", _("Metal in the face or jaw, such as plates or screws")
    GOLD_THREADS = "gold_threads", _("Gold threads in the face")
    NONE = "none", _("None of these")
    NOT_SURE = "not_sure", _("Not sure")


class Allergy(models.TextChoices):
    """D8 (several answers). "Other" comes with a text answer."""

    LIDOCAINE = "lidocaine", _("Numbing medicine (lidocaine)")
    BOVINE_COLLAGEN = "bovine_collagen", _("Beef or collagen products")
    HA_FILLER = "ha_filler", _("Hyaluronic acid (HA) filler")
    SEVERE_REACTION = "severe_reaction", _("A severe allergic reaction (anaphylaxis)")
    OTHER = "other", _("Something else")
    NONE = "none", _("None")


class PastTreatment(models.TextChoices):
    """E1 (several answers). The first eight values are the treatment keys."""

    HA_FILLER = "ha_filler", _("Hyaluronic acid (HA) filler")
    BELLAFILL = "bellafill", _("Bellafill")
    FRACTIONAL_LASER = "fractional_laser", _("Fractional laser")
    CHEMICAL_PEEL = "chemical_peel", _("Chemical peel")
    TCA_CROSS = "tca_cross", _("TCA CROSS (strong acid put into each scar)")
    RF_MICRONEEDLING = "rf_microneedling", _("Radiofrequency (RF) microneedling")
    PDO_THREADS = "pdo_threads", _("PDO threads")
    SUBCISION = "subcision", _("Subcision (a needle frees the scar from below)")
    MICRONEEDLING = "microneedling", _("Microneedling without radiofrequency")
    DERMABRASION = "dermabrasion", _("Dermabrasion")
    PUNCH_EXCISION = "punch_excision", _("Punch excision (a scar cut out)")
    STEROID_INJECTIONS = "steroid_injections", _("Steroid injections")
    OTHER = "other", _("Something else")
    NONE = "none", _("None")


class PastProblem(models.TextChoices):
    """E2 (several answers): problems after any skin treatment."""

    FILLER_LUMPS = "filler_lumps", _("Lumps after a filler")
    ALLERGY = "allergy", _("An allergic reaction")
    LASTING_PATCHES = "lasting_patches", _("Dark or light patches that lasted")
    INFECTION = "infection", _("An infection")
    WORSE_SCARRING = "worse_scarring", _("Worse scarring")
    COLD_SORE = "cold_sore", _("A cold sore")
    NONE = "none", _("None")


class Goal(models.TextChoices):
    """F1 (several answers). Two goals add scar types to matching (docs/clinical-rules.md)."""

    SMOOTHER_TEXTURE = "smoother_texture", _("Smoother skin")
    FEWER_DEEP_PITS = "fewer_deep_pits", _("Fewer deep pits")
    MORE_EVEN_COLOUR = "more_even_colour", _("More even skin color")
    FLATTER_RAISED_SCARS = "flatter_raised_scars", _("Flatter raised scars")
    NOT_SURE = "not_sure", _("Not sure")


class TimeOff(models.TextChoices):
    """F2: time off after a visit, compared with typical downtime."""

    NONE = "none", _("None")
    ONE_TO_THREE_DAYS = "one_to_three_days", _("1 to 3 days")
    UP_TO_A_WEEK = "up_to_a_week", _("Up to a week")
    MORE = "more", _("More than a week")


class VisitsPossible(models.TextChoices):
    """F3: visits the patient can manage, compared with typical sessions."""

    ONE_OR_TWO = "one_or_two", _("1 or 2 visits")
    SERIES = "series", _("A series of visits over a few months")
    WHATEVER_NEEDED = "whatever_needed", _("Whatever is needed")


class TreatmentKey(models.TextChoices):
    """Treatment keys, in the clinic's order (the tie-break order for matching)."""

    HA_FILLER = "ha_filler", "Hyaluronic acid filler"
    BELLAFILL = "bellafill", "Bellafill"
    FRACTIONAL_LASER = "fractional_laser", "Fractional laser"
    CHEMICAL_PEEL = "chemical_peel", "Chemical peel"
    TCA_CROSS = "tca_cross", "TCA CROSS"
    RF_MICRONEEDLING = "rf_microneedling", "RF microneedling"
    PDO_THREADS = "pdo_threads", "PDO threads"
    SUBCISION = "subcision", "Subcision"


class CautionKey(models.TextChoices):
    """Caution keys, in the caution table's order. Labels are staff-facing."""

    ISOTRETINOIN_WITH_PREGNANCY = (
        "isotretinoin_with_pregnancy",
        "Isotretinoin while pregnant or breastfeeding",
    )
    ISOTRETINOIN_PLANNING_PREGNANCY = (
        "isotretinoin_planning_pregnancy",
        "Isotretinoin and a planned pregnancy",
    )
    ISOTRETINOIN_RECENT = "isotretinoin_recent", "Recent isotretinoin"
    PREGNANT_OR_BREASTFEEDING = "pregnant_or_breastfeeding", "Pregnant or breastfeeding"
    PLANNING_PREGNANCY = "planning_pregnancy", "Planning a pregnancy"
    KELOID_TENDENCY = "keloid_tendency", "Keloid or raised-scar tendency"
    DARKER_SKIN_TYPE = "darker_skin_type", "Darker skin type or lasting dark marks"
    ACTIVE_ACNE = "active_acne", "Active acne or infection"
    COLD_SORES = "cold_sores", "Cold sores"
    BLOOD_THINNERS = "blood_thinners", "Blood thinners or supplements"
    BLEEDING_DISORDER = "bleeding_disorder", "Bleeding disorder or easy bruising"
    BOVINE_COLLAGEN_ALLERGY = "bovine_collagen_allergy", "Beef or collagen allergy"
    LIDOCAINE_ALLERGY = "lidocaine_allergy", "Numbing medicine allergy"
    FILLER_REACTION = "filler_reaction", "Past filler reaction"
    SEVERE_ALLERGY_HISTORY = "severe_allergy_history", "Severe allergy history"
    AUTOIMMUNE_OR_IMMUNOSUPPRESSED = (
        "autoimmune_or_immunosuppressed",
        ("Autoimmune condition or weak immune system"),
    )
    IMPLANTED_DEVICE_OR_METAL = "implanted_device_or_metal", "Implanted device or metal"
    GOLD_THREADS = "gold_threads", "Gold threads"
    RECENT_TAN = "recent_tan", "Recent tan or sun"
    POOR_HEALING = "poor_healing", "Slow healing or bad scarring"
    SMOKER = "smoker", "Smoking or vaping nicotine"
    AGE_UNDER_22 = "age_under_22", "Under 22"


class GuidePage(models.TextChoices):
    """Non-treatment pages the personal guide links to (docs/clinical-rules.md, "Matching")."""

    WHAT_IS_ACNE_SCAR = "what_is_acne_scar", _("What is an acne scar?")
    SCAR_GUIDE = "scar_guide", _("Scar type guide")
    COMPARE = "compare", _("Compare treatments")
    RAISED_SCARS = "raised_scars", _("Raised scars")
    MARKS = "marks", _("Flat marks")
