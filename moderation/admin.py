"""Staff edit the guidelines and the watch list here. The record is shown read
only: no one adds, changes or deletes a moderation act through the admin (and
the database would refuse the last two anyway)."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from .models import Guideline, ModerationAction, WatchWord


@admin.register(Guideline)
class GuidelineAdmin(admin.ModelAdmin):
    list_display = ("title", "code", "serious", "active", "position")
    list_editable = ("serious", "active", "position")
    list_filter = ("serious", "active")
    search_fields = ("title", "code", "description")
    ordering = ("position", "pk")
    prepopulated_fields = {"code": ("title",)}

    def get_readonly_fields(self, request, obj=None):
        # Reports, the record and metrics name a guideline by its code; renaming
        # it would make old rows point at a different rule.
        return ("code",) if obj is not None else ()

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields


class WatchWordForm(forms.ModelForm):
    class Meta:
        model = WatchWord
        fields = ["word"]
        help_texts = {
            "word": "A word or phrase. Comments that contain it, in any case, wait "
            "for a moderator before anyone else sees them."
        }

    def clean_word(self):
        word = " ".join(self.cleaned_data["word"].split())
        if not word:
            raise forms.ValidationError("Enter a word or phrase.")
        taken = WatchWord.objects.filter(word__iexact=word)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"“{word}” is already on the watch list.")
        return word


@admin.register(WatchWord)
class WatchWordAdmin(admin.ModelAdmin):
    form = WatchWordForm
    list_display = ("word",)
    search_fields = ("word",)


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "kind",
        "moderator_name",
        "subject",
        "guideline",
        "case_link",
        "short_note",
    )
    list_filter = (
        "kind",
        ("guideline", admin.RelatedOnlyFieldListFilter),
        ("moderator", admin.RelatedOnlyFieldListFilter),
        "created_at",
    )
    list_select_related = ("moderator", "subject", "guideline", "case")
    search_fields = ("note", "subject__username", "subject__display_name")
    date_hierarchy = "created_at"
    list_per_page = 50
    # The record is read only, so there is nothing to act on in bulk.
    actions = None
    fields = (
        "created_at",
        "kind",
        "moderator",
        "case",
        "comment",
        "subject",
        "guideline",
        "note",
        "ends_at",
        "reverses",
        "state_before",
        "state_after",
    )
    readonly_fields = fields

    @admin.display(description="moderator", ordering="moderator__display_name")
    def moderator_name(self, action):
        return action.moderator or "Automatic"

    @admin.display(description="case", ordering="case")
    def case_link(self, action):
        if action.case_id is None:
            return "—"
        return format_html(
            '<a href="{}">#{}</a>',
            reverse("moderation:case", kwargs={"pk": action.case_id}),
            action.case_id,
        )

    @admin.display(description="note")
    def short_note(self, action):
        return Truncator(action.note).chars(80)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
