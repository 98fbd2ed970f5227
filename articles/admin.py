"""The newsroom: journalists write and submit stories, editors publish them.

Every rule is enforced here on the server (queryset, form fields, permissions,
actions), not by hiding buttons: a hand-made POST meets the same checks.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import User

from . import services
from .forms import ArticleAdminForm
from .models import BYLINES_WITH_AUTHORS, Article, Byline, Section, SourceDocument
from .services import PublishingError, can_publish


def newsroom_members():
    """Staff who may write stories: the people a byline may name."""
    return User.objects.with_perm(
        "articles.add_article", backend="django.contrib.auth.backends.ModelBackend"
    ).filter(is_staff=True)


def _locked_for(user, article) -> bool:
    """Whether the story is out of this user's hands: published, and not an editor."""
    return (
        article is not None
        and article.status == Article.Status.PUBLISHED
        and not can_publish(user)
    )


def _stories(count: int) -> str:
    return "1 story was" if count == 1 else f"{count} stories were"


class AuthorAutocomplete(AutocompleteSelect):
    """Django's autocomplete widget, fed by ArticleAdmin.authors_view.

    The stock autocomplete view would need a User admin that journalists may
    browse, and would offer every reader as an author.
    """

    def get_url(self):
        return reverse(f"{self.admin_site.name}:articles_article_authors")


class AuthorFilter(admin.SimpleListFilter):
    title = "author"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        # Only people with a byline on a story this user can see; a filter over
        # all accounts would list every reader.
        authors = (
            User.objects.filter(bylines__article__in=model_admin.get_queryset(request))
            .distinct()
            .order_by("display_name", "pk")
        )
        return [(str(author.pk), str(author)) for author in authors]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(bylines__author_id=self.value())
        return queryset


class StoryPartInline:
    """Bylines and documents may change only while the story itself may."""

    def has_add_permission(self, request, obj=None):
        return not _locked_for(request.user, obj) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return not _locked_for(request.user, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not _locked_for(request.user, obj) and super().has_delete_permission(
            request, obj
        )


class BylineInline(StoryPartInline, admin.TabularInline):
    model = Byline
    fields = ["author", "order"]
    ordering = ["order", "pk"]
    extra = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            # People who already have a byline stay valid after they leave the
            # newsroom, so that older stories can still be saved.
            kwargs["queryset"] = User.objects.filter(
                Q(pk__in=newsroom_members().values("pk")) | Q(bylines__isnull=False)
            ).distinct()
            kwargs["widget"] = AuthorAutocomplete(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SourceDocumentInline(StoryPartInline, admin.StackedInline):
    model = SourceDocument
    fields = ["title", "issuer", "issued_on", "full_text", "order"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "state",
        "published_at",
        "section",
        "byline_names",
        "preview_link",
    ]
    list_filter = ["status", "section", AuthorFilter]
    search_fields = ["headline", "dek", "slug", "bylines__author__display_name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [BylineInline, SourceDocumentInline]
    actions = ["submit_for_review", "publish_now", "unpublish"]
    fieldsets = [
        ("Story", {"fields": ["headline", "slug", "dek", "body", "section", "tags"]}),
        (
            "Photo",
            {"fields": ["lead_photo", "photo_caption", "photo_credit", "photo_alt"]},
        ),
        (
            "Publishing",
            {"fields": ["status", "published_at", "preview_link", "created_by"]},
        ),
        ("Discussion", {"fields": ["comments_open"]}),
    ]

    # Who sees and changes what.

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .editable_by(request.user)
            .select_related("section")
            .prefetch_related(BYLINES_WITH_AUTHORS)
        )

    def has_change_permission(self, request, obj=None):
        return not _locked_for(request.user, obj) and super().has_change_permission(
            request, obj
        )

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = ["preview_link", "created_by"]
        if not can_publish(request.user):
            fields.append("published_at")
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not can_publish(request.user):
            kwargs["choices"] = [
                (status.value, status.label)
                for status in (Article.Status.DRAFT, Article.Status.REVIEW)
            ]
            kwargs["error_messages"] = {
                "invalid_choice": "Only an editor can publish or schedule a story. "
                "Set the status to “In review” to hand it to the editors."
            }
            kwargs["help_text"] = (
                "Set “In review” when the story is ready for an editor."
            )
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if not change and not article.bylines.exists():
            Byline.objects.create(article=article, author=request.user, order=0)

    # django-simple-history's views look stories up by id alone: without these
    # checks a journalist could read others' drafts there, or overwrite a
    # story that is out of their hands by "reverting" it.

    def _editable_or_404(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None and not can_publish(request.user):
            raise Http404("No such story, or it is not yours to open.")
        return article

    def history_view(self, request, object_id, extra_context=None):
        self._editable_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        article = self._editable_or_404(request, object_id)
        if request.method == "POST" and not self.has_change_permission(
            request, article
        ):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # Workflow actions, all through articles.services.

    def _apply(self, request, queryset, step, *, done):
        count = 0
        for article in queryset:
            try:
                step(article=article, user=request.user)
            except (PublishingError, PermissionDenied) as error:
                self.message_user(request, f"“{article}”: {error}", messages.WARNING)
            else:
                count += 1
        if count:
            self.message_user(request, f"{_stories(count)} {done}.", messages.SUCCESS)

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._apply(
            request, queryset, services.submit_for_review, done="submitted for review"
        )

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        self._apply(request, queryset, services.publish_article, done="published")

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._apply(
            request, queryset, services.unpublish_article, done="moved back to draft"
        )

    # Author autocomplete for bylines.

    def get_urls(self):
        return [
            path(
                "authors/",
                self.admin_site.admin_view(self.authors_view),
                name="articles_article_authors",
            ),
            *super().get_urls(),
        ]

    def authors_view(self, request):
        """Newsroom members matching ``term``, in the shape select2 expects."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        authors = newsroom_members().order_by("display_name", "pk")
        if term := request.GET.get("term", "").strip():
            authors = authors.filter(
                Q(display_name__icontains=term) | Q(username__icontains=term)
            )
        page = Paginator(authors, 20).get_page(request.GET.get("page"))
        return JsonResponse(
            {
                "results": [{"id": str(user.pk), "text": str(user)} for user in page],
                "pagination": {"more": page.has_next()},
            }
        )

    # Display.

    def view_on_site(self, obj):
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("articles:preview", args=[obj.pk])

    @admin.display(description="Status", ordering="status")
    def state(self, obj):
        if obj.status == Article.Status.PUBLISHED and not obj.is_public:
            return "Scheduled"
        return obj.get_status_display()

    @admin.display(description="Bylines")
    def byline_names(self, obj):
        return ", ".join(str(byline.author) for byline in obj.bylines.all())

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if obj.pk is None:
            return "Save the story to preview it."
        if obj.is_public:
            return format_html(
                '<a href="{}">View on the site</a>', obj.get_absolute_url()
            )
        return format_html(
            '<a href="{}">Preview</a>', reverse("articles:preview", args=[obj.pk])
        )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
