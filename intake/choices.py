"""Closed answer sets for the intake and the rule vocabularies (docs/clinical-rules.md).

One module owns these values because the form, the models, the stored match output and the
pure rules in ``intake/rules.py`` all compare against them: a value changed here changes
everywhere at once, and a stored intake stays readable.

Values are short snake_case and never shown to patients. Labels are patient-facing, plain
words (8th grade or lower), and offer "Not sure" where a patient may not know. Scar values
are the scar keys and treatment values the treatment keys, because the
fit matrix and the cautions are keyed by them.

Labels are plain strings, not ``gettext_lazy``: the clinic works in English only, and the pure
rules and their tests must run without Django settings, which a lazy label needs when read.
"""

from django.db import models


class ScarLocation(models.TextChoices):
    """B1: where the scars are. Cheeks matter for the Bellafill note."""

    FOREHEAD = "forehead", "Forehead"
    TEMPLES = "temples", "Temples (the sides of the forehead)"
    CHEEKS = "cheeks", "Cheeks"
    NOSE = "nose", "Nose"
    CHIN_JAW = "chin_jaw", "Chin or jaw"
    NECK = "neck", "Neck"
    CHEST = "chest", "Chest"
    BACK = "back", "Back"
    SHOULDERS = "shoulders", "Shoulders"
    OTHER = "other", "Somewhere else"


class ScarDuration(models.TextChoices):
    """B2: marks under a year old may still fade on their own."""

    UNDER_1_YEAR = "under_1_year", "Less than 1 year"
    ONE_TO_FIVE_YEARS = "one_to_five_years", "1 to 5 years"
    OVER_5_YEARS = "over_5_years", "More than 5 years"
    NOT_SURE = "not_sure", "Not sure"


class ScarLook(models.TextChoices):
    """B3: which scars look like yours. Values are the scar keys."""

    ICE_PICK = "ice_pick", "Small, deep holes, as if poked by a sharp tool (ice pick)"
    BOXCAR = (
        "boxcar",
        (
            "Round or oval dents with steep, sharp edges and a flat bottom, like chickenpox scars "
            "(boxcar)"
        ),
    )
    ROLLING = "rolling", "Wide, soft dips with sloping edges that make the skin look wavy (rolling)"
    HYPERTROPHIC = (
        "hypertrophic",
        ("Firm, raised scars that stay inside the spot where the pimple was (hypertrophic)"),
    )
    KELOID = (
        "keloid",
        ("Raised scars that grow past the spot where the pimple was and may itch (keloid)"),
    )
    PIH = "pih", "Flat brown or dark marks"
    PIE = "pie", "Flat pink, red or purple marks"
    NOT_SURE = "not_sure", "Not sure"


class StretchTest(models.TextChoices):
    """B4: a hint whether dents are soft (distensible)."""

    YES = "yes", "Yes, they get shallower"
    NO = "no", "No, they stay the same"
    SOME = "some", "Some do, some don't"
    DID_NOT_TRY = "did_not_try", "I didn't try"


class Visibility(models.TextChoices):
    """B5: a self-estimate for the dermatologist, never shown back as a grade."""

    ONLY_ME_UP_CLOSE = "only_me_up_close", "Only me, up close"
    OTHERS_UP_CLOSE_COVERED = (
        "others_up_close_covered",
        ("Others up close, but makeup or a beard hides them"),
    )
    EASY_FACE_TO_FACE = "easy_face_to_face", "Easy to see face to face"
    FROM_FURTHER_AWAY = "from_further_away", "Easy to see from further away"


class Bother(models.TextChoices):
    """B6: four steps from "not at all" to "very much"."""

    NOT_AT_ALL = "not_at_all", "Not at all"
    A_LITTLE = "a_little", "A little"
    QUITE_A_BIT = "quite_a_bit", "Quite a bit"
    VERY_MUCH = "very_much", "Very much"


class ActiveAcne(models.TextChoices):
    """B7: acne spots now."""

    NONE = "none", "None"
    A_FEW = "a_few", "A few spots"
    MANY = "many", "Many spots, or painful lumps"


class YesNo(models.TextChoices):
    """B8, D9: questions every patient can answer for sure."""

    YES = "yes", "Yes"
    NO = "no", "No"


class YesNoNotSure(models.TextChoices):
    """C4 (self and family), C5, D4, D6, D11."""

    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


class SunReaction(models.TextChoices):
    """C1: Fitzpatrick type I-VI. The numerals are internal; patients see only words."""

    TYPE_1 = "type_1", "I always burn and never tan"
    TYPE_2 = "type_2", "I usually burn and tan a little"
    TYPE_3 = "type_3", "I sometimes burn and tan slowly"
    TYPE_4 = "type_4", "I rarely burn and tan easily"
    TYPE_5 = "type_5", "I very rarely burn and tan deeply"
    TYPE_6 = "type_6", "I never burn; my skin is naturally very dark"
    NOT_SURE = "not_sure", "Not sure"


class SkinColour(models.TextChoices):
    """C2: natural skin color, the backup for C1. Ordered ivory (I) to very dark (VI)."""

    IVORY = "ivory", "Ivory"
    FAIR = "fair", "Fair"
    LIGHT_BROWN = "light_brown", "Light brown or olive"
    MEDIUM_BROWN = "medium_brown", "Medium brown"
    DARK_BROWN = "dark_brown", "Dark brown"
    VERY_DARK = "very_dark", "Very dark brown or black"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "I'd rather not say"


class RecentSun(models.TextChoices):
    """C3 (several answers): sun in the last 4 weeks, or a sunny trip planned."""

    TAN = "tan", "A tan"
    SUNBURN = "sunburn", "A sunburn"
    SUNBED = "sunbed", "I used a sunbed"
    SELF_TANNER = "self_tanner", "I used self-tanner"
    SUN_TRIP_PLANNED = "sun_trip_planned", "I have a sunny trip planned"
    NONE = "none", "None of these"


class Pregnancy(models.TextChoices):
    """D1."""

    PREGNANT = "pregnant", "I'm pregnant"
    BREASTFEEDING = "breastfeeding", "I'm breastfeeding"
    PLANNING = "planning", "I may get pregnant in the next 12 months"
    NONE = "none", "None of these"
    PREFER_TO_DISCUSS = "prefer_to_discuss", "I'd rather talk about it with the doctor"


class Isotretinoin(models.TextChoices):
    """D2: isotretinoin (Accutane and other brands)."""

    TAKING_NOW = "taking_now", "I take it now"
    STOPPED_UNDER_6_MONTHS = "stopped_under_6_months", "I stopped less than 6 months ago"
    STOPPED_6_TO_12_MONTHS = "stopped_6_to_12_months", "I stopped 6 to 12 months ago"
    STOPPED_OVER_12_MONTHS = "stopped_over_12_months", "I stopped more than 12 months ago"
    NEVER = "never", "I have never taken it"
    NOT_SURE = "not_sure", "Not sure"


class BloodThinner(models.TextChoices):
    """D3 (several answers): medicines and supplements that raise bruising."""

    BLOOD_THINNER = (
        "blood_thinner",
        ("A blood thinner (for example warfarin, apixaban or clopidogrel)"),
    )
    ASPIRIN = "aspirin", "Aspirin"
    PAIN_RELIEVER = "pain_reliever", "Ibuprofen or naproxen, taken often"
    FISH_OIL = "fish_oil", "Fish oil"
    VITAMIN_E = "vitamin_e", "Vitamin E"
    GINKGO_GARLIC = "ginkgo_garlic", "Ginkgo or garlic pills"
    NONE = "none", "None of these"
    NOT_SURE = "not_sure", "Not sure"


class HealthCondition(models.TextChoices):
    """D5 (several answers). "Other" comes with a text answer."""

    AUTOIMMUNE = (
        "autoimmune",
        (
            "An autoimmune or immune-related condition (for example lupus, scleroderma, vitiligo "
            "or psoriasis)"
        ),
    )
    IMMUNOSUPPRESSED = (
        "immunosuppressed",
        ("A weak immune system, or medicine that weakens the immune system"),
    )
    DIABETES = "diabetes", "Diabetes"
    OTHER = "other", "Something else"
    NONE = "none", "None of these"


class Implant(models.TextChoices):
    """D7 (several answers): matters for RF microneedling (docs/clinical-rules.md, "Cautions")."""

    PACEMAKER = "pacemaker", "A pacemaker or defibrillator"
    OTHER_DEVICE = "other_device", "Another electronic device inside the body"
    METAL_IN_FACE = "metal_in_face", "Metal in the face or jaw, such as plates or screws"
    GOLD_THREADS = "gold_threads", "Gold threads in the face"
    NONE = "none", "None of these"
    NOT_SURE = "not_sure", "Not sure"


class Allergy(models.TextChoices):
    """D8 (several answers). "Other" comes with a text answer."""

    LIDOCAINE = "lidocaine", "Numbing medicine (lidocaine)"
    BOVINE_COLLAGEN = "bovine_collagen", "Beef or collagen products"
    HA_FILLER = "ha_filler", "Hyaluronic acid (HA) filler"
    SEVERE_REACTION = "severe_reaction", "A severe allergic reaction (anaphylaxis)"
    OTHER = "other", "Something else"
    NONE = "none", "None"


class PastTreatment(models.TextChoices):
    """E1 (several answers). The first eight values are the treatment keys."""

    HA_FILLER = "ha_filler", "Hyaluronic acid (HA) filler"
    BELLAFILL = "bellafill", "Bellafill"
    FRACTIONAL_LASER = "fractional_laser", "Fractional laser"
    CHEMICAL_PEEL = "chemical_peel", "Chemical peel"
    TCA_CROSS = "tca_cross", "TCA CROSS (strong acid put into each scar)"
    RF_MICRONEEDLING = "rf_microneedling", "Radiofrequency (RF) microneedling"
    PDO_THREADS = "pdo_threads", "PDO threads"
    SUBCISION = "subcision", "Subcision (a needle frees the scar from below)"
    MICRONEEDLING = "microneedling", "Microneedling without radiofrequency"
    DERMABRASION = "dermabrasion", "Dermabrasion"
    PUNCH_EXCISION = "punch_excision", "Punch excision (a scar cut out)"
    STEROID_INJECTIONS = "steroid_injections", "Steroid injections"
    OTHER = "other", "Something else"
    NONE = "none", "None"


class PastProblem(models.TextChoices):
    """E2 (several answers): problems after any skin treatment."""

    FILLER_LUMPS = "filler_lumps", "Lumps after a filler"
    ALLERGY = "allergy", "An allergic reaction"
    LASTING_PATCHES = "lasting_patches", "Dark or light patches that lasted"
    INFECTION = "infection", "An infection"
    WORSE_SCARRING = "worse_scarring", "Worse scarring"
    COLD_SORE = "cold_sore", "A cold sore"
    NONE = "none", "None"


class Goal(models.TextChoices):
    """F1 (several answers). Two goals add scar types to matching (docs/clinical-rules.md)."""

    SMOOTHER_TEXTURE = "smoother_texture", "Smoother skin"
    FEWER_DEEP_PITS = "fewer_deep_pits", "Fewer deep pits"
    MORE_EVEN_COLOUR = "more_even_colour", "More even skin color"
    FLATTER_RAISED_SCARS = "flatter_raised_scars", "Flatter raised scars"
    NOT_SURE = "not_sure", "Not sure"


class TimeOff(models.TextChoices):
    """F2: time off after a visit, compared with typical downtime."""

    NONE = "none", "None"
    ONE_TO_THREE_DAYS = "one_to_three_days", "1 to 3 days"
    UP_TO_A_WEEK = "up_to_a_week", "Up to a week"
    MORE = "more", "More than a week"


class VisitsPossible(models.TextChoices):
    """F3: visits the patient can manage, compared with typical sessions."""

    ONE_OR_TWO = "one_or_two", "1 or 2 visits"
    SERIES = "series", "A series of visits over a few months"
    WHATEVER_NEEDED = "whatever_needed", "Whatever is needed"


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

    WHAT_IS_ACNE_SCAR = "what_is_acne_scar", "What is an acne scar?"
    SCAR_GUIDE = "scar_guide", "Scar type guide"
    COMPARE = "compare", "Compare treatments"
    RAISED_SCARS = "raised_scars", "Raised scars"
    MARKS = "marks", "Flat marks"
