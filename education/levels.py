"""Choice sets shared by the education data and the intake's pure rules.

Kept free of models so `intake.rules` can import them without the ORM.
"""

from django.db import models


class PageStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class FitLevel(models.TextChoices):
    """DOMAIN.md §4: how well a treatment suits a scar type, best first."""

    FIRST_CHOICE = "first_choice", "Often the first choice"
    CAN_HELP = "can_help", "Can help"
    LIMITED = "limited", "Limited: usually alongside other treatments"
    NOT_USED = "not_used", "Not used"
    SPECIALIST_ONLY = "specialist_only", "The dermatologist decides"

    @property
    def rank(self):
        """Lower is a better fit; not_used and specialist_only are never suggested."""
        return FIT_RANK[self.value]


FIT_RANK = {
    FitLevel.FIRST_CHOICE: 0,
    FitLevel.CAN_HELP: 1,
    FitLevel.LIMITED: 2,
    FitLevel.SPECIALIST_ONLY: 3,
    FitLevel.NOT_USED: 4,
}


class Severity(models.TextChoices):
    """DOMAIN.md §5: discuss < usually_deferred < contraindicated."""

    DISCUSS = "discuss", "Discuss"
    USUALLY_DEFERRED = "usually_deferred", "Usually deferred"
    CONTRAINDICATED = "contraindicated", "Contraindicated"

    @property
    def weight(self):
        return SEVERITY_WEIGHT[self.value]


SEVERITY_WEIGHT = {
    Severity.DISCUSS: 1,
    Severity.USUALLY_DEFERRED: 2,
    Severity.CONTRAINDICATED: 3,
}


class ScarKind(models.TextChoices):
    ATROPHIC = "atrophic", "Dent (atrophic)"
    RAISED = "raised", "Raised"
    MARK = "mark", "Flat mark (not a true scar)"


class Distensible(models.TextChoices):
    """Does the dent get shallower when the skin is stretched? (DOMAIN.md §2)"""

    NO = "no", "No"
    PARTLY = "partly", "Partly (shallow ones)"
    USUALLY = "usually", "Usually"
    NOT_APPLICABLE = "not_applicable", "Does not apply"
