"""Production settings for the fault tests, unchanged but for where static files go.

Production serves static files through a manifest (collectstatic); the fault tests
collect them into their own temporary folder (FAULTS_STATIC_ROOT) so they never
write into the project's staticfiles/.
"""

import os

from clinic.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["FAULTS_STATIC_ROOT"]
