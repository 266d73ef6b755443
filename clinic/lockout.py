"""Failed sign-ins, counted by django-axes two ways (AXES_LOCKOUT_PARAMETERS):

- per username at one address: AXES_FAILURE_LIMIT tries lock that pair, so a
  stranger guessing a dermatologist's password locks only themselves, and the
  dermatologist still signs in from the clinic;
- per address across usernames: AXES_ADDRESS_FAILURE_LIMIT tries lock the
  address, so guessing many accounts from one place stops too. It is higher than
  the first, because the clinic's staff share one outgoing address.

axes compares every parameter set with the one AXES_FAILURE_LIMIT, so the handler
scales the address count to reach that limit exactly at the address's own limit.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_lockout_parameters
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        limit = settings.AXES_FAILURE_LIMIT
        address_limit = settings.AXES_ADDRESS_FAILURE_LIMIT
        parameters = get_lockout_parameters(request, credentials)
        worst = 0
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if parameter == "ip_address":
                # floor(f * limit / address_limit) >= limit exactly when f >= address_limit.
                failures = failures * limit // address_limit
            worst = max(worst, failures)
        return worst

    def reset_user_attempts(self, request, credentials=None):
        """After a good sign-in, forget only that person's failures from that
        address: one valid account must not wipe the address's count of tries at
        other accounts."""
        own, *_ = self.filter_user_attempts(request, credentials)
        count, _ = own.delete()
        return count
