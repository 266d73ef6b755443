"""Choice sets shared by the education data and the intake's pure rules.

Kept free of models so `intake.rules` can import them without the ORM.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Severity(models.TextChoices):
    """How much a caution matters for one treatment, lowest first (docs/clinical-rules.md).

    ``urgent`` sits above ``contraindicated``: it is about the patient's own safety today
    (act before any scar visit), so it leads the guide and the review page.

    Declaration order is the clinical order, so ``rank`` and ``highest`` read it rather than
    comparing strings (alphabetical order would put "contraindicated" lowest).

    The labels stay plain English strings: they are staff words (review page, admin) and go
    into the FHIR export's JSON, which cannot hold a lazy translation.
    """

    DISCUSS = "discuss", "Discuss"
    USUALLY_DEFERRED = "usually_deferred", "Usually deferred"
    CONTRAINDICATED = "contraindicated", "Contraindicated"
    URGENT = "urgent", "Urgent"

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)

    @classmethod
    def rank_of(cls, value: str) -> int:
        """Rank of a raw stored value; raises ValueError for an unknown one."""
        return cls(value).rank

    @classmethod
    def highest(cls, values) -> "Severity | None":
        """The most serious of ``values`` (raw strings or members), or None if empty."""
        members = [cls(value) for value in values]
        return max(members, key=lambda member: member.rank) if members else None


class FitLevel(models.TextChoices):
    """How well a treatment fits a scar type (docs/clinical-rules.md), best first."""

    FIRST_CHOICE = "first_choice", _("Often the first choice")
    CAN_HELP = "can_help", _("Can help")
    LIMITED = "limited", _("Limited: sometimes used, usually with other treatments")
    NOT_USED = "not_used", _("Not used")
    SPECIALIST_ONLY = "specialist_only", _("The dermatologist decides")

    @property
    def is_suggested(self) -> bool:
        """Only these levels put a treatment on the reading list."""
        return self in (FitLevel.FIRST_CHOICE, FitLevel.CAN_HELP)

    @property
    def is_used(self) -> bool:
        """Levels at which the treatment is used for the scar type at all."""
        return self in (FitLevel.FIRST_CHOICE, FitLevel.CAN_HELP, FitLevel.LIMITED)

    @property
    def rank(self) -> int:
        """0 is best. Only meaningful among used levels; the others are never suggested."""
        return list(type(self)).index(self)


class ScarKind(models.TextChoices):
    ATROPHIC = "atrophic", _("Dent (atrophic)")
    RAISED = "raised", _("Raised")
    MARK = "mark", _("Flat mark (not a true scar)")


class Distensible(models.TextChoices):
    """Does the dent get shallower when the skin is stretched? (a hint, never a diagnosis)"""

    NO = "no", _("No")
    PARTLY = "partly", _("Partly (shallow ones)")
    USUALLY = "usually", _("Usually")
    NOT_APPLICABLE = "not_applicable", _("Does not apply")
