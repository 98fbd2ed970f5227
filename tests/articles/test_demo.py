import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from taggit.models import TaggedItem

from accounts.models import User
from articles.demo import photos
from articles.demo.discussion import COMMENTERS
from articles.demo.stories import PASSWORD
from articles.models import Article, Byline, Section, SourceDocument
from comments.models import Comment
from moderation.models import Case

DEMO_ROLES = {
    "admin": ("Site Admin", set()),
    "editor": ("Elena Editor", {"Editor"}),
    "journalist": ("Jonas Journalist", {"Journalist"}),
    "reporter": ("Rosa Reporter", {"Journalist"}),
    "moderator": ("Max Moderator", {"Moderator"}),
    "reader1": ("Gearhead Greg", set()),
    "reader2": ("Pat Petrolhead", set()),
}


@pytest.fixture(autouse=True)
def _fast(settings, monkeypatch):
    # The slow parts of the command are deliberate (password hashing) or
    # cosmetic (anti-aliasing); neither is what these tests are about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(photos, "SCALE", 1)


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "users": User.objects.count(),
        "sections": Section.objects.count(),
        "articles": Article.objects.count(),
        "history": Article.history.count(),
        "bylines": Byline.objects.count(),
        "documents": SourceDocument.objects.count(),
        "tags": TaggedItem.objects.count(),
        "photos": sorted(Article.objects.values_list("lead_photo", flat=True)),
        "passwords": sorted(User.objects.values_list("password", flat=True)),
    }


@pytest.mark.django_db
def test_running_twice_creates_and_changes_nothing_the_second_time():
    load_demo()
    first = snapshot()

    load_demo()

    assert snapshot() == first
    assert first["articles"] >= 8
    assert first["users"] == len(DEMO_ROLES) + len(COMMENTERS)


@pytest.mark.django_db
def test_demo_has_at_least_six_published_stories_with_bylines_and_tags():
    load_demo()

    published = Article.objects.published()
    assert published.count() >= 6
    for article in published:
        assert article.comments_open
        assert article.bylines.exists()
        assert article.tags.exists()
        assert article.body.count("<p>") >= 4
        article.full_clean()


@pytest.mark.django_db
def test_every_published_story_has_an_illustrated_lead_photo():
    load_demo()

    for article in Article.objects.published():
        assert article.photo_caption
        assert article.photo_credit == "Autoblog illustration"
        assert article.photo_alt.startswith("Illustration of a ")
        with article.lead_photo.open("rb") as file, Image.open(file) as image:
            assert image.format == "JPEG"
            assert image.size == (1600, 900)


@pytest.mark.django_db
def test_a_story_carries_its_press_release_in_full():
    load_demo()

    release = SourceDocument.objects.get()
    assert release.article.is_public
    assert release.issuer
    assert release.full_text.count("\n\n") >= 3


@pytest.mark.django_db
def test_newsroom_has_a_story_in_review_and_a_scheduled_one():
    load_demo()

    in_review = Article.objects.filter(status=Article.Status.REVIEW)
    scheduled = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    )
    assert in_review.count() == 1
    assert scheduled.count() == 1
    assert scheduled.get().published_at > timezone.now() + timedelta(days=1)
    hidden = [in_review.get().pk, scheduled.get().pk]
    assert not Article.objects.published().filter(pk__in=hidden).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("username", DEMO_ROLES)
def test_demo_account_has_its_role_and_can_sign_in(client, settings, username):
    # django-axes needs a request to authenticate; the test client gives none.
    settings.AXES_ENABLED = False
    load_demo()

    user = User.objects.get(username=username)
    display_name, groups = DEMO_ROLES[username]
    assert user.display_name == display_name
    assert set(user.groups.values_list("name", flat=True)) == groups
    assert user.is_staff == (username not in ("reader1", "reader2"))
    assert user.is_superuser == (username == "admin")
    assert client.login(username=username, password=PASSWORD)


@pytest.mark.django_db
def test_summary_lists_every_login_and_the_password():
    output = load_demo()

    assert f'password "{PASSWORD}"' in output
    for username, (display_name, _groups) in DEMO_ROLES.items():
        assert username in output
        assert display_name in output


@pytest.mark.django_db
def test_rerun_keeps_a_changed_password_and_says_so():
    load_demo()
    reader = User.objects.get(username="reader1")
    reader.set_password("my-own-secret")
    reader.save()

    output = load_demo()

    reader.refresh_from_db()
    assert reader.check_password("my-own-secret")
    assert "another password: reader1." in output


@pytest.mark.django_db
def test_reset_passwords_brings_back_the_demo_password():
    load_demo()
    reader = User.objects.get(username="reader1")
    reader.set_password("my-own-secret")
    reader.save()

    output = load_demo("--reset-passwords")

    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)
    assert "another password" not in output


@pytest.mark.django_db
def test_rerun_puts_back_a_demo_role_but_keeps_edits_to_stories():
    load_demo()
    Group.objects.get(name="Editor").user_set.clear()
    article = Article.objects.order_by("pk").first()
    article.headline = "Edited on the demo site"
    article.save()

    load_demo()

    assert User.objects.get(username="editor").groups.filter(name="Editor").exists()
    article.refresh_from_db()
    assert article.headline == "Edited on the demo site"


@pytest.mark.django_db
def test_rerun_draws_a_photo_again_when_its_file_is_gone():
    load_demo()
    article = Article.objects.order_by("pk").first()
    article.lead_photo.storage.delete(article.lead_photo.name)

    load_demo()

    article.refresh_from_db()
    assert article.lead_photo.storage.exists(article.lead_photo.name)


def test_photo_depends_only_on_its_inputs():
    options = {"body": "pickup", "colour": "#3a3f45", "sky": "dusk"}

    first = photos.render_car_photo(seed="a-slug", **options)

    assert photos.render_car_photo(seed="a-slug", **options) == first
    assert photos.render_car_photo(seed="another-slug", **options) != first


def test_demo_discussions_nest_hold_and_queue(db):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    alliance = Article.objects.get(slug="tessaly-norvane-alliance-midsize-sedans")
    comments = Comment.objects.filter(article=alliance)
    assert comments.filter(depth=3, reply_to__isnull=False).exists()
    assert comments.filter(status=Comment.Status.PENDING).count() == 1
    assert Case.objects.filter(kind="held").count() == 1
    assert Case.objects.filter(kind="comment", report_count=3).count() == 1
    assert alliance.comment_count == comments.filter(status="visible").count()
