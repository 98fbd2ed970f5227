import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def draft_by(author, **kwargs):
    return ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, bylines=[author], **kwargs
    )


def story_data(section, **overrides):
    """What the admin's add form posts, with no bylines or documents."""
    data = {
        "headline": "Electric hatchback arrives in showrooms",
        "slug": "electric-hatchback-arrives",
        "dek": "Range, price and the first drive.",
        "body": "<p>It is here.</p>",
        "section": str(section.pk),
        "tags": "",
        "photo_caption": "",
        "photo_credit": "",
        "photo_alt": "",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "comments_open": "on",
    }
    for prefix in ("bylines", "documents"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | overrides


def change_data(article, **overrides):
    """What the admin's change form posts for an existing story."""
    data = story_data(
        article.section,
        headline=article.headline,
        slug=article.slug,
        dek=article.dek,
        body=article.body,
        status=article.status,
    )
    bylines = list(article.bylines.all())
    data["bylines-TOTAL_FORMS"] = data["bylines-INITIAL_FORMS"] = str(len(bylines))
    for i, byline in enumerate(bylines):
        data |= {
            f"bylines-{i}-id": str(byline.pk),
            f"bylines-{i}-article": str(article.pk),
            f"bylines-{i}-author": str(byline.author_id),
            f"bylines-{i}-order": str(byline.order),
        }
    return data | overrides


def run_action(client, action, *articles):
    return client.post(
        CHANGELIST,
        {
            "action": action,
            ACTION_CHECKBOX_NAME: [str(article.pk) for article in articles],
        },
        follow=True,
    )


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def photo_fields(upload):
    return {
        "lead_photo": upload,
        "photo_caption": "The hatchback at the launch.",
        "photo_credit": "Example Motors",
        "photo_alt": "A small blue hatchback parked outside a showroom.",
    }


def form_errors(response):
    return response.context["adminform"].form.errors


# Who sees what.


def test_journalist_changelist_lists_only_own_stories(client, journalist):
    own = draft_by(journalist, headline="My own scoop")
    ArticleFactory(headline="A story by a colleague")
    client.force_login(journalist)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [own]


def test_editor_changelist_lists_every_story(client, editor, journalist):
    draft_by(journalist)
    ArticleFactory()
    client.force_login(editor)

    response = client.get(CHANGELIST)

    assert response.context["cl"].result_count == 2


def test_journalist_cannot_open_someone_elses_story(client, journalist):
    other = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    client.force_login(journalist)

    response = client.get(change_url(other))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_journalist_cannot_read_history_of_someone_elses_story(client, journalist):
    other = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    version = other.history.first()
    client.force_login(journalist)

    list_view = client.get(reverse("admin:articles_article_history", args=[other.pk]))
    version_view = client.get(
        reverse(
            "admin:articles_article_simple_history",
            args=[other.pk, version.history_id],
        )
    )

    assert list_view.status_code == 404
    assert version_view.status_code == 404


def test_journalist_filters_by_author(client, journalist):
    colleague = UserFactory(is_staff=True)
    shared = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, bylines=[colleague, journalist]
    )
    draft_by(journalist)
    client.force_login(journalist)

    response = client.get(CHANGELIST, {"author": str(colleague.pk)})

    assert list(response.context["cl"].result_list) == [shared]


def test_changelist_offers_preview_of_drafts(client, journalist):
    article = draft_by(journalist)
    client.force_login(journalist)

    response = client.get(CHANGELIST)

    assert reverse("articles:preview", args=[article.pk]) in response.text


# Writing a story.


def test_journalist_adds_a_draft_and_is_its_first_byline(client, journalist):
    section = SectionFactory()
    client.force_login(journalist)

    response = client.post(ADD, story_data(section, tags="electric, hatchback"))

    assert response.status_code == 302
    article = Article.objects.get(slug="electric-hatchback-arrives")
    assert article.status == Article.Status.DRAFT
    assert article.created_by == journalist
    assert [byline.author for byline in article.bylines.all()] == [journalist]
    assert sorted(article.tags.names()) == ["electric", "hatchback"]
    assert article.history.get().history_user == journalist


def test_journalist_submits_for_review_with_the_status_field(client, journalist):
    article = draft_by(journalist)
    client.force_login(journalist)

    response = client.post(
        change_url(article), change_data(article, status=Article.Status.REVIEW)
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert article.history.first().history_user == journalist


def test_journalist_is_only_offered_draft_and_review(client, journalist):
    client.force_login(journalist)

    response = client.get(ADD)

    choices = response.context["adminform"].form.fields["status"].choices
    assert [value for value, _label in choices] == ["draft", "review"]
    assert "published_at" not in response.context["adminform"].form.fields


def test_journalist_posting_published_to_add_url_is_refused(client, journalist):
    section = SectionFactory()
    client.force_login(journalist)
    at = timezone.localtime() + timezone.timedelta(days=1)

    response = client.post(
        ADD,
        story_data(
            section,
            status=Article.Status.PUBLISHED,
            published_at_0=at.strftime("%Y-%m-%d"),
            published_at_1=at.strftime("%H:%M:%S"),
        ),
    )

    assert response.status_code == 200
    assert "Only an editor can publish or schedule a story." in str(
        form_errors(response)["status"]
    )
    assert not Article.objects.exists()
    # What the journalist typed is still in the form.
    assert "Electric hatchback arrives in showrooms" in response.text


def test_journalist_posting_published_to_change_url_is_refused(client, journalist):
    article = draft_by(journalist)
    client.force_login(journalist)

    response = client.post(
        change_url(article),
        change_data(
            article,
            status=Article.Status.PUBLISHED,
            published_at_0="2020-01-01",
            published_at_1="12:00:00",
        ),
    )

    assert response.status_code == 200
    assert "status" in form_errors(response)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None


def test_journalist_cannot_set_a_publication_time(client, journalist):
    article = draft_by(journalist)
    client.force_login(journalist)

    client.post(
        change_url(article),
        change_data(
            article,
            status=Article.Status.REVIEW,
            published_at_0="2020-01-01",
            published_at_1="12:00:00",
        ),
    )

    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert article.published_at is None


def test_journalist_cannot_change_own_published_story(client, journalist):
    article = ArticleFactory(bylines=[journalist], headline="Live story")
    client.force_login(journalist)

    page = client.get(change_url(article))
    response = client.post(
        change_url(article),
        change_data(article, headline="Quietly rewritten", status="draft"),
    )

    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Live story"
    assert article.is_public


def test_journalist_cannot_revert_a_published_story_from_history(client, journalist):
    article = draft_by(journalist, headline="First draft")
    first_version = article.history.get()
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    client.force_login(journalist)

    response = client.post(
        reverse(
            "admin:articles_article_simple_history",
            args=[article.pk, first_version.history_id],
        ),
        change_data(article, headline="Reverted", status=Article.Status.DRAFT),
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.is_public
    assert article.headline == "First draft"


# Publishing.


def test_journalist_has_no_publish_actions(client, journalist):
    draft_by(journalist)
    client.force_login(journalist)

    response = client.get(CHANGELIST)

    actions = [
        name
        for name, _label in response.context["action_form"].fields["action"].choices
    ]
    assert "submit_for_review" in actions
    assert "publish_now" not in actions
    assert "unpublish" not in actions


def test_journalist_cannot_publish_with_a_crafted_action_post(client, journalist):
    article = draft_by(journalist)
    client.force_login(journalist)

    run_action(client, "publish_now", article)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_journalist_cannot_unpublish_with_a_crafted_action_post(client, journalist):
    article = ArticleFactory(bylines=[journalist])
    client.force_login(journalist)

    run_action(client, "unpublish", article)

    article.refresh_from_db()
    assert article.is_public


def test_journalist_submits_for_review_with_the_action(client, journalist):
    article = draft_by(journalist)
    client.force_login(journalist)

    response = run_action(client, "submit_for_review", article)

    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert "1 story was submitted for review." in [
        str(message) for message in response.context["messages"]
    ]


def test_action_reports_stories_it_could_not_move(client, journalist):
    article = draft_by(journalist, headline="Already waiting")
    article.status = Article.Status.REVIEW
    article.save()
    client.force_login(journalist)

    response = run_action(client, "submit_for_review", article)

    assert "“Already waiting”: This story is already waiting for review." in [
        str(message) for message in response.context["messages"]
    ]


def test_editor_publishes_with_the_action(client, editor, journalist):
    article = draft_by(journalist)
    article.status = Article.Status.REVIEW
    article.save()
    client.force_login(editor)

    response = run_action(client, "publish_now", article)

    article.refresh_from_db()
    assert article.is_public
    assert article.history.first().history_user == editor
    assert "1 story was published." in [
        str(message) for message in response.context["messages"]
    ]


def test_editor_schedules_with_the_form(client, editor, journalist):
    article = draft_by(journalist)
    client.force_login(editor)
    at = timezone.localtime().replace(microsecond=0) + timezone.timedelta(days=2)

    response = client.post(
        change_url(article),
        change_data(
            article,
            status=Article.Status.PUBLISHED,
            published_at_0=at.strftime("%Y-%m-%d"),
            published_at_1=at.strftime("%H:%M:%S"),
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == at
    assert not article.is_public
    assert "Scheduled" in client.get(CHANGELIST).text


def test_editor_publishes_with_the_form_at_once_when_no_time_is_given(
    client, editor, journalist
):
    article = draft_by(journalist)
    client.force_login(editor)

    client.post(
        change_url(article), change_data(article, status=Article.Status.PUBLISHED)
    )

    article.refresh_from_db()
    assert article.is_public


def test_publication_time_on_a_draft_is_a_form_error(client, editor, journalist):
    article = draft_by(journalist)
    client.force_login(editor)

    response = client.post(
        change_url(article),
        change_data(article, published_at_0="2030-01-01", published_at_1="08:00:00"),
    )

    assert response.status_code == 200
    assert "Set the status to “Published” to schedule it" in str(
        form_errors(response)["published_at"]
    )
    article.refresh_from_db()
    assert article.published_at is None


def test_editor_unpublishes_with_the_action(client, editor):
    article = ArticleFactory()
    client.force_login(editor)

    run_action(client, "unpublish", article)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert article.history.first().history_user == editor


# Validation.


def test_duplicate_slug_is_a_form_error(client, journalist):
    ArticleFactory(slug="electric-hatchback-arrives")
    client.force_login(journalist)

    response = client.post(ADD, story_data(SectionFactory()))

    assert response.status_code == 200
    assert form_errors(response)["slug"] == ["Another article already uses this slug."]


def test_text_file_named_jpg_is_a_form_error(client, journalist):
    client.force_login(journalist)
    upload = SimpleUploadedFile("car.jpg", b"not a photo at all", "image/jpeg")

    response = client.post(ADD, story_data(SectionFactory(), **photo_fields(upload)))

    assert response.status_code == 200
    assert "lead_photo" in form_errors(response)
    assert not Article.objects.exists()


def test_photo_over_10_mb_is_a_form_error(client, journalist):
    client.force_login(journalist)
    # A valid PNG followed by padding: Pillow accepts it, the size check must not.
    big = png_bytes() + bytes(11 * 1024 * 1024)
    upload = SimpleUploadedFile("car.png", big, "image/png")

    response = client.post(ADD, story_data(SectionFactory(), **photo_fields(upload)))

    assert response.status_code == 200
    assert form_errors(response)["lead_photo"] == [
        "This photo is larger than 10 MB. Please upload a smaller file."
    ]
    assert not Article.objects.exists()


def test_photo_without_caption_credit_and_alt_is_a_form_error(client, journalist):
    client.force_login(journalist)
    upload = SimpleUploadedFile("car.png", png_bytes(), "image/png")

    response = client.post(
        ADD, story_data(SectionFactory(), lead_photo=upload, photo_caption="Only this")
    )

    assert response.status_code == 200
    assert "A lead photo needs a caption, a credit and alt text." in str(
        form_errors(response)
    )


def test_valid_photo_is_saved(client, journalist):
    client.force_login(journalist)
    upload = SimpleUploadedFile("car.png", png_bytes(), "image/png")

    response = client.post(ADD, story_data(SectionFactory(), **photo_fields(upload)))

    assert response.status_code == 302
    assert Article.objects.get().lead_photo.name.endswith(".png")


# Bylines.


def test_author_autocomplete_offers_newsroom_not_readers(
    client, journalist, editor, reader
):
    client.force_login(journalist)

    response = client.get(reverse("admin:articles_article_authors"), {"term": "e"})

    names = [result["text"] for result in response.json()["results"]]
    assert "Ed Editor" in names
    assert "Rita Reader" not in names


def test_author_autocomplete_is_for_the_newsroom_only(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("admin:articles_article_authors"))

    assert response.status_code == 403


def test_reader_cannot_be_given_a_byline(client, journalist, reader):
    client.force_login(journalist)
    data = story_data(SectionFactory())
    data |= {
        "bylines-TOTAL_FORMS": "1",
        "bylines-0-author": str(reader.pk),
        "bylines-0-order": "0",
    }

    response = client.post(ADD, data)

    assert response.status_code == 200
    assert not Article.objects.exists()
