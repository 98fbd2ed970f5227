"""Forms for the newsroom admin."""

from django import forms

from .models import Article


class ArticleAdminForm(forms.ModelForm):
    """The story form; who may set which status is decided by ArticleAdmin."""

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "dek",
            "body",
            "section",
            "tags",
            "lead_photo",
            "photo_caption",
            "photo_credit",
            "photo_alt",
            "status",
            "published_at",
            "comments_open",
        ]
        # Headlines and deks run long; the admin's default input is narrow.
        widgets = {
            "headline": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "dek": forms.TextInput(attrs={"class": "vLargeTextField"}),
        }
        help_texts = {
            "published_at": "Only a published story has a publication time. "
            "A time in the future schedules it; empty means now.",
        }

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status", self.instance.status)
        if status == Article.Status.PUBLISHED:
            return cleaned_data
        # A draft or a story in review has no publication time. One left over
        # from before (an unpublished story, a reverted version) is dropped; one
        # the editor has just typed is a mistake worth pointing out.
        if "published_at" not in self.fields:
            self.instance.published_at = None
        elif cleaned_data.get("published_at"):
            if "published_at" in self.changed_data:
                self.add_error(
                    "published_at",
                    "Only a published story has a publication time. Set the "
                    "status to “Published” to schedule it, or clear this field.",
                )
            else:
                cleaned_data["published_at"] = None
        return cleaned_data
