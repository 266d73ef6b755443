"""The task queue and staff notifications in the admin (imported by clinic/admin.py).

"Task results" replaces django-tasks-db's own list: it never shows a task's
arguments or return value (an e-mail's address and body wait there until sent), and
it offers "Send again" for failed e-mails. Only people given the task result
permissions see it: by default the clinic manager (a superuser)."""

from django.contrib import admin, messages
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from clinic.models import StaffDigest, StaffNotificationPreference

# The e-mail tasks: each takes keyword arguments and an `attempt` number.
EMAIL_TASKS = (
    "clinic.tasks.send_email",
    "intake.tasks.send_intake_confirmation",
)

admin.site.unregister(DBTaskResult)


class FailedEmailFilter(admin.SimpleListFilter):
    title = "e-mail"
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [("failed", "E-mails that could not be sent"), ("all", "Every e-mail task")]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.failed().filter(task_path__in=EMAIL_TASKS)
        if self.value() == "all":
            return queryset.filter(task_path__in=EMAIL_TASKS)
        return queryset


@admin.register(DBTaskResult)
class TaskResultAdmin(admin.ModelAdmin):
    list_display = [
        "task",
        "label",
        "status",
        "enqueued_at",
        "run_after",
        "finished_at",
        "failure",
    ]
    list_filter = [FailedEmailFilter, "status", "queue_name"]
    ordering = ["-enqueued_at"]
    date_hierarchy = "enqueued_at"
    actions = ["send_again"]
    fields = [
        "task_path",
        "label",
        "status",
        "enqueued_at",
        "run_after",
        "started_at",
        "finished_at",
        "worker_ids",
        "exception_class_path",
        "traceback",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return request.user.has_perm("django_tasks_database.change_dbtaskresult")

    @admin.display(description="task", ordering="task_path")
    def task(self, obj):
        # From the path, not obj.task: that imports and validates it against today's
        # backend, which fails for a task that was since renamed.
        return obj.task_path.rsplit(".", 1)[-1]

    @admin.display(description="e-mail")
    def label(self, obj):
        """Which e-mail, by kind and reference only (an intake's for a confirmation)."""
        kwargs = (obj.args_kwargs or {}).get("kwargs", {})
        kind = kwargs.get("kind", "confirmation" if "intake_id" in kwargs else "")
        attempt = kwargs.get("attempt", 1) if obj.task_path in EMAIL_TASKS else None
        parts = [kind, kwargs.get("reference", ""), f"attempt {attempt}" if attempt else ""]
        return " · ".join(part for part in parts if part) or "-"

    @admin.display(description="failure")
    def failure(self, obj):
        return obj.exception_class_path.rsplit(".", 1)[-1] if obj.exception_class_path else "-"

    @admin.action(description="Send these e-mails again", permissions=["retry"])
    def send_again(self, request, queryset):
        """Failed e-mails start again at attempt 1, with the same retries. One that held
        a secret link was wiped after its last try (clinic.tasks): there is nothing to
        send, so it is named instead, with what to do."""
        again, forgotten = 0, []
        for result in queryset.failed().filter(task_path__in=EMAIL_TASKS):
            kwargs = result.args_kwargs["kwargs"]
            if kwargs.get("forgotten"):
                forgotten.append(kwargs.get("kind") or "e-mail")
                continue
            import_string(result.task_path).enqueue(**dict(kwargs, attempt=1))
            again += 1
        self.message_user(
            request,
            f"{again} e-mail(s) queued again. Only failed e-mail tasks can be sent again.",
            messages.SUCCESS if again else messages.WARNING,
        )
        if forgotten:
            self.message_user(
                request,
                f"Not sent again: {len(forgotten)} e-mail(s) with a one-time link "
                f"({', '.join(sorted(set(forgotten)))}), which is not kept once tried. Send "
                "a new invitation from the user's page, or ask the patient to save again "
                "for a new link.",
                messages.WARNING,
            )


@admin.register(StaffNotificationPreference)
class StaffNotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "digest_enabled", "updated_at"]
    list_filter = ["digest_enabled"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
    readonly_fields = ["updated_at"]


@admin.register(StaffDigest)
class StaffDigestAdmin(admin.ModelAdmin):
    """What was sent when: read-only, the digests are the worker's record."""

    list_display = ["window_start", "window_end", "sent_at", "intake_count", "recipient_count"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    readonly_fields = [field.name for field in StaffDigest._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
