"""The editors' admin: structured pages, review dates, reading grade, preview."""

from django.contrib import admin, messages
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from education.models import (
    Caution,
    CautionEffect,
    ScarType,
    SearchSynonym,
    Treatment,
    TreatmentFit,
)
from education.page_signoff_admin import ENGLISH_REVIEW, review_action
from education.readability import GRADE_LIMIT
from education.services import pages_publish
from education.signoff import SignOffState
from education.spanish_admin import SPANISH_READONLY, SpanishPageAdminMixin, spanish_fieldset

TOO_LONG = (
    "This is %(show_value)d characters long; the limit is %(limit_value)d. "
    "Nothing was cut: shorten it and save again."
)


class OverdueForReviewFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue for review"), ("current", "Up to date")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue_for_review(today=today)
        if self.value() == "current":
            return queryset.exclude(pk__in=queryset.overdue_for_review(today=today))
        return queryset


class StampedAdmin(admin.ModelAdmin):
    """Stamps each save with the editor; the stamps are read-only. Keys and slugs
    are set once: the rules and public links use them. A field with a length limit
    is counted (static/js/admin_counters.js) and refused when too long, never cut."""

    stamp_fields = ("created_at", "created_by", "updated_at", "updated_by")
    fixed_after_create = ()

    def get_readonly_fields(self, request, obj=None):
        fixed = self.fixed_after_create if obj is not None else ()
        return (*super().get_readonly_fields(request, obj), *fixed, *self.stamp_fields)

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else super().get_prepopulated_fields(request, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        limit = getattr(formfield, "max_length", None)
        if limit:
            # The browser's maxlength cuts a long paste without a word; the form
            # refuses it instead, saying by how much, and keeps what was typed.
            formfield.widget.attrs.pop("maxlength", None)
            formfield.widget.attrs["data-max-length"] = limit
            formfield.validators = [
                validator
                for validator in formfield.validators
                if not isinstance(validator, MaxLengthValidator)
            ] + [MaxLengthValidator(limit, message=TOO_LONG)]
        return formfield

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if hasattr(instance, "updated_by_id"):
                if instance.pk is None:
                    instance.created_by = request.user
                instance.updated_by = request.user
            instance.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()


class TranslatedStampedAdmin(TranslationAdmin, StampedAdmin):
    """Each field with a Spanish version shows as "[en]" and "[es]" side by side
    (modeltranslation's admin, without its tabs: they load jQuery UI from a CDN)."""

    def get_readonly_fields(self, request, obj=None):
        # modeltranslation's own hook skips StampedAdmin's; ask it, then translate names.
        return self.replace_orig_field(StampedAdmin.get_readonly_fields(self, request, obj))


class ReviewedPageAdmin(SpanishPageAdminMixin, TranslatedStampedAdmin):
    # Five short columns (plus key and kind below): the list fits 1280 px.
    list_display = ("name", "status", "sign_off_display", "review_due", "grade_short")
    fixed_after_create = ("key", "slug")
    list_filter = ("status", "signed_off", OverdueForReviewFilter)
    search_fields = ("name", "summary", "key", "slug")
    prepopulated_fields = {"slug": ("name",)}
    actions = ("publish_pages", "mark_reviewed_today", *SpanishPageAdminMixin.spanish_actions)
    # docs/clinical-rules.md: reviewer names and review dates are written only by the
    # "Mark medically reviewed" action, never typed by an editor.
    readonly_fields = (
        "reviewer_name",
        "reviewer_credentials",
        "signed_off",
        "sign_off_display",
        "last_reviewed",
        "next_review_due",
        "grade_display",
        "preview_link",
        *SPANISH_READONLY,
    )
    review_fieldset = (
        "Status and medical review",
        {
            "fields": (
                "status",
                "reviewer_name",
                "reviewer_credentials",
                ("signed_off", "sign_off_display"),
                ("last_reviewed", "next_review_due"),
                "grade_display",
                "preview_link",
            )
        },
    )
    stamps_fieldset = (
        "Record of changes",
        {
            "classes": ("collapse",),
            "fields": ("created_at", "created_by", "updated_at", "updated_by"),
        },
    )
    preview_url_name = ""

    @admin.display(description="Sign-off")
    def sign_off_display(self, obj):
        if obj is None or obj.pk is None:
            return SignOffState.PENDING.label
        return obj.sign_off_state.label

    @admin.display(description="Next review", ordering="next_review_due")
    def review_due(self, obj):
        if obj.next_review_due is None:
            return "—"
        due = date_format(obj.next_review_due)
        return f"{due} (overdue)" if obj.is_overdue_for_review() else due

    @admin.display(description="Grade")
    def grade_short(self, obj):
        grade = obj.reading_grade
        if grade > GRADE_LIMIT:
            return format_html("<strong>{}: too hard</strong>", grade)
        return grade

    @admin.display(description="Reading grade")
    def grade_display(self, obj):
        if obj is None or obj.pk is None:
            return "Shown after the first save."
        grade = obj.reading_grade
        if grade > GRADE_LIMIT:
            return format_html(
                '<strong class="errornote">{} — above grade {}: use shorter sentences '
                "and plainer words.</strong>",
                grade,
                GRADE_LIMIT,
            )
        return format_html("{} (aim for grade {} or lower)", grade, GRADE_LIMIT)

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return "Save first to preview."
        url = reverse(self.preview_url_name, kwargs={"pk": obj.pk})
        with translation.override("es"):
            spanish = reverse(self.preview_url_name, kwargs={"pk": obj.pk})
        return format_html(
            '<a href="{}">Preview as a patient would see it</a> · '
            '<a href="{}">Preview the Spanish page</a>',
            url,
            spanish,
        )

    @admin.action(description="Publish the selected pages", permissions=["change"])
    def publish_pages(self, request, queryset):
        published, refused = pages_publish(pages=list(queryset), user=request.user)
        if published:
            self.message_user(request, f"Published {len(published)} page(s).", messages.SUCCESS)
        for page, error in refused:
            detail = "; ".join(
                f"{', '.join(texts)}" for texts in getattr(error, "message_dict", {}).values()
            )
            self.message_user(request, f"Not published: {page}. {detail}", messages.ERROR)

    @admin.action(description="Mark medically reviewed today", permissions=["review"])
    def mark_reviewed_today(self, request, queryset):
        # A confirmation page with the words first; only words still as shown are signed.
        return review_action(self, request, queryset, ENGLISH_REVIEW)

    def has_review_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.review_{opts.model_name}")


# Stacked, not tabular: Django's tabular inline labels its fields only by column
# headings, which axe (and screen readers) do not take as labels.
class TreatmentFitInline(TranslationStackedInline):
    model = TreatmentFit
    extra = 0
    fields = ("scar_type", "level", "reason", "approved_by", "approved_on")
    readonly_fields = ("approved_by", "approved_on")
    autocomplete_fields = ("scar_type",)


@admin.register(Treatment)
class TreatmentAdmin(ReviewedPageAdmin):
    list_display = ("name", "key", *ReviewedPageAdmin.list_display[1:])
    # A plain multiple select: the filter_horizontal widget's help icon carries an
    # ARIA label its role does not allow (axe: aria-prohibited-attr).
    inlines = (TreatmentFitInline,)
    preview_url_name = "education:treatment_preview"
    fieldsets = (
        (None, {"fields": ("name", "slug", "key", "order", "summary")}),
        ReviewedPageAdmin.review_fieldset,
        spanish_fieldset,
        ("What it is", {"fields": ("what_it_is", "how_it_works", "limits")}),
        ("A visit", {"fields": ("visit",)}),
        (
            "Sessions, downtime and results",
            {
                "fields": (
                    ("sessions_min", "sessions_max"),
                    "sessions_text",
                    ("downtime_min_days", "downtime_max_days"),
                    "downtime_text",
                    "results_show",
                    "results_last",
                )
            },
        ),
        ("Side effects and risks", {"fields": ("side_effects", "rare_risks", "approval_note")}),
        ("Questions and related pages", {"fields": ("questions", "related")}),
        ("Cost", {"fields": ("cost_note",)}),
        ReviewedPageAdmin.stamps_fieldset,
    )


@admin.register(ScarType)
class ScarTypeAdmin(ReviewedPageAdmin):
    list_display = ("name", "key", "kind", *ReviewedPageAdmin.list_display[1:])
    list_filter = ("kind", *ReviewedPageAdmin.list_filter)
    preview_url_name = "education:scar_preview"
    fieldsets = (
        (
            None,
            {"fields": ("name", "slug", "key", "order", "clinical_name", "kind", "distensible")},
        ),
        ReviewedPageAdmin.review_fieldset,
        spanish_fieldset,
        ("For patients", {"fields": ("summary", "description", "how_to_recognise", "you_said")}),
        ReviewedPageAdmin.stamps_fieldset,
    )


class ApprovalStateMixin:
    """Rows the dermatologist signs off with the rule book: their approval is set
    only by the "Clinical sign-off" screen, and the list says when a row changed."""

    readonly_fields = ("approved_by", "approved_on", "approval_state")

    @admin.display(description="Clinical approval")
    def approval_state(self, obj):
        if obj is None or obj.pk is None:
            return SignOffState.PENDING.label
        return obj.sign_off_state.label


@admin.register(TreatmentFit)
class TreatmentFitAdmin(ApprovalStateMixin, TranslatedStampedAdmin):
    list_display = ("treatment", "scar_type", "level", "approval_state")
    list_filter = ("level", "treatment", "scar_type")
    list_select_related = ("treatment", "scar_type")
    search_fields = ("reason", "treatment__name", "scar_type__name")
    autocomplete_fields = ("treatment", "scar_type")
    fields = (
        "treatment",
        "scar_type",
        "level",
        "reason",
        ("approved_by", "approved_on"),
        "approval_state",
    )


class CautionEffectInline(admin.StackedInline):
    model = CautionEffect
    extra = 0
    autocomplete_fields = ("treatment",)


@admin.register(Caution)
class CautionAdmin(ApprovalStateMixin, TranslatedStampedAdmin):
    list_display = ("title", "key", "approval_state", "updated_at")
    fixed_after_create = ("key",)
    search_fields = ("key", "title", "patient_wording", "public_wording", "clinician_note")
    inlines = (CautionEffectInline,)
    fieldsets = (
        (None, {"fields": ("key", "title", "order", "trigger_summary")}),
        (
            "Wording",
            {
                "fields": (
                    "patient_wording",
                    "not_sure_wording",
                    "public_wording",
                    "clinician_note",
                    "question",
                )
            },
        ),
        ("Clinical approval", {"fields": (("approved_by", "approved_on"), "approval_state")}),
        ReviewedPageAdmin.stamps_fieldset,
    )

    def get_queryset(self, request):
        # The approval column hashes each caution with its severities.
        return super().get_queryset(request).prefetch_related("effects__treatment")


@admin.register(SearchSynonym)
class SearchSynonymAdmin(StampedAdmin):
    """Words patients type and what the pages call them (education/search.py)."""

    list_display = ("word", "means", "updated_at", "updated_by")
    list_select_related = ("updated_by",)
    search_fields = ("word", "means")
    fields = ("word", "means", *StampedAdmin.stamp_fields)


# The sign-off screens register themselves.
from education import signoff_admin, spanish_signoff_admin  # noqa: E402, F401
