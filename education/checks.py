"""A system check that names what is pending clinical sign-off (docs/clinical-rules.md).

Tagged `database` and not `deploy`-only: like Django's own database checks it does
nothing unless a database is named, so it runs in `manage.py migrate` and in
`manage.py check --deploy --database default` (docs/deployment.md), but not in CI's
`check --deploy --fail-level WARNING`, where a fresh database has nothing signed and
the warning would fail every build and teach people to ignore it. Warnings, not
errors: clinic staff may publish before the dermatologist signs (the guide and the
review page say so), but the person deploying must see it.
"""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from education.signoff import SignOffState


@register(Tags.database)
def clinical_sign_off_pending(app_configs=None, databases=None, **kwargs):
    if not databases or "default" not in databases:
        return []
    from education import selectors
    from education.models import ScarType, Treatment

    try:
        snapshot = selectors.rulebook_snapshot()
        current = selectors.rulebook_version_for(snapshot.digest)
        pages = [page for model in (Treatment, ScarType) for page in model.objects.published()]
    except DatabaseError:
        return []  # not migrated yet: `migrate` runs the checks before it migrates
    warnings = []
    if snapshot.data["fits"] and not (current and current.is_signed):
        warnings.append(
            Warning(
                f"The clinical rule book (version {snapshot.digest[:12]}) is not signed off.",
                hint="A dermatologist signs it in the admin, under 'Clinical sign-off'. "
                "Until then guides and the review page say it is pending clinical review.",
                id="education.W001",
            )
        )
    for state, code in ((SignOffState.CHANGED, "W002"), (SignOffState.PENDING, "W003")):
        names = [page.name for page in pages if page.sign_off_state == state]
        if names:
            warnings.append(
                Warning(
                    f"Published pages {state.label.lower()}: {', '.join(names)}.",
                    hint="A dermatologist uses 'Mark medically reviewed today' in the admin.",
                    id=f"education.{code}",
                )
            )
    return warnings
