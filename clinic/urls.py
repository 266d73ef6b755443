"""Root URLs. PRODUCT.md's paths are the contract the clinic's links rely on."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from clinic import health, invitation_views, notification_views, two_factor, views
from clinic.forms import StaffPasswordResetForm, StaffSetPasswordForm
from education.sitemaps import SITEMAPS

# Staff, operations and machine URLs: never translated, so always English.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("health/", health.health, name="health"),  # readiness: proxy and monitoring
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("review/", include("intake.review.urls")),
    path("review/", include("fhir.review_urls")),
    path("fhir/", include("fhir.urls")),
    path("accounts/login/", views.StaffLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", two_factor.two_factor, name="two_factor"),
    path("accounts/two-factor/qr.svg", two_factor.two_factor_qr, name="two_factor_qr"),
    path("accounts/recovery-codes/", two_factor.recovery_codes, name="recovery_codes"),
    path(
        "accounts/notifications/",
        notification_views.notification_settings,
        name="notification_settings",
    ),
    path("accounts/invitation/", invitation_views.invitation_password, name="invitation_password"),
    path("accounts/invitation/<str:token>/", invitation_views.invitation, name="invitation"),
    # Django's own password reset; the second step is still asked for afterwards.
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=StaffPasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            extra_email_context={"clinic_name": settings.CLINIC_NAME},
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=StaffSetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("admin/", admin.site.urls),
]

# The patient side, in each language: English where it always was, Spanish under /es/.
urlpatterns += i18n_patterns(
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("privacy/notice/", views.privacy_notice, name="privacy_notice"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    path("learn/", include("education.urls")),
    path("intake/", include("intake.urls")),
    prefix_default_language=False,
)

handler400 = "clinic.views.bad_request"
handler500 = "clinic.views.server_error"
