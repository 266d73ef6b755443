"""The Spanish page in the editors' admin: its own status, sign-off and reading ease.

Editors write each Spanish field beside its English one (modeltranslation's admin shows
"Name [en]" and "Name [es]"). The Spanish page is published and signed off with its own
actions; reviewer names and dates are set only by the sign-off action, as in English.
"""

from django.contrib import admin, messages

from education import bilingual
from education.page_signoff_admin import SPANISH_REVIEW, review_action
from education.readability import (
    SPANISH_EASE_MINIMUM,
    is_easy_enough_in_spanish,
    page_text,
    spanish_reading_ease,
)
from education.services import spanish_pages_publish

SPANISH_READONLY = (
    "reviewer_name_es",
    "reviewer_credentials_es",
    "signed_off_es",
    "spanish_sign_off_display",
    "last_reviewed_es",
    "next_review_due_es",
    "spanish_ease_display",
)

spanish_fieldset = (
    "Spanish page: status and medical review",
    {
        "description": "Spanish visitors see the English page, with a note in Spanish, "
        "until the Spanish page is published.",
        "fields": (
            "status_es",
            "reviewer_name_es",
            "reviewer_credentials_es",
            ("signed_off_es", "spanish_sign_off_display"),
            ("last_reviewed_es", "next_review_due_es"),
            "spanish_ease_display",
        ),
    },
)


class SpanishPageAdminMixin:
    spanish_actions = ("publish_spanish_pages", "mark_spanish_reviewed_today")

    @admin.display(description="Spanish sign-off")
    def spanish_sign_off_display(self, obj):
        if obj is None or obj.pk is None:
            return bilingual.SignOffState.PENDING.label
        return bilingual.spanish_sign_off_state(obj).label

    @admin.display(description="Spanish reading ease")
    def spanish_ease_display(self, obj):
        if obj is None or obj.pk is None or not bilingual.has_spanish_text(obj):
            return "No Spanish text yet."
        parts = [bilingual.in_language(obj, name, "es") for name in obj.patient_text_fields]
        ease = round(spanish_reading_ease(page_text(parts)), 1)
        verdict = "easy enough" if is_easy_enough_in_spanish(ease) else "too hard"
        return f"{ease} Fernández-Huerta ({verdict}; aim for {SPANISH_EASE_MINIMUM:g} or more)"

    @admin.action(description="Publish the Spanish version", permissions=["change"])
    def publish_spanish_pages(self, request, queryset):
        published, refused = spanish_pages_publish(pages=list(queryset), user=request.user)
        if published:
            self.message_user(
                request, f"Published the Spanish of {len(published)} page(s).", messages.SUCCESS
            )
        for page, reason in refused:
            self.message_user(request, f"Spanish not published: {page}. {reason}", messages.ERROR)

    @admin.action(
        description="Mark the Spanish version medically reviewed today",
        permissions=["review_spanish"],
    )
    def mark_spanish_reviewed_today(self, request, queryset):
        # The same confirmation as the English (education.page_signoff_admin).
        return review_action(self, request, queryset, SPANISH_REVIEW)

    def has_review_spanish_permission(self, request):
        # A separate permission: the clinic gives it to the clinicians who read Spanish.
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.review_{opts.model_name}_es")
