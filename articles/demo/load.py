"""Put the demo newsroom into the database.

Safe to run again: accounts, sections and stories are looked up by username or
slug and only the missing ones are created, so whatever people did on the demo
site (edited a story, changed a password) survives a re-run. Two things are put
back: staff and superuser flags and group membership, because the login table
printed at the end must tell the truth, and a lead photo whose file is gone.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction

from accounts.models import User
from articles.models import Article, Byline, Section, SourceDocument

from .discussion import load_discussions
from .photos import render_car_photo
from .stories import ACCOUNTS, PASSWORD, SECTIONS, STORIES, Account, Photo, Story

PHOTO_CREDIT = "Autoblog illustration"


@dataclass(frozen=True)
class Login:
    username: str
    display_name: str
    role: str
    has_demo_password: bool


@transaction.atomic
def load_demo(*, now: datetime, reset_passwords: bool = False) -> list[Login]:
    """Create the demo accounts, sections and stories that do not exist yet."""
    # Hashing is slow on purpose, and seven hashes of a password printed on the
    # screen protect nothing: the accounts share one hash, made and checked once.
    demo_hash = cache(lambda: make_password(PASSWORD))
    is_demo = cache(lambda encoded: check_password(PASSWORD, encoded))
    users = {
        account.username: _load_account(account, demo_hash) for account in ACCOUNTS
    }
    if reset_passwords:
        for user in users.values():
            if not is_demo(user.password):
                user.password = demo_hash()
                user.save(update_fields=["password"])
    sections = {
        slug: Section.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for slug, (name, description) in SECTIONS.items()
    }
    for story in STORIES:
        _load_story(story, sections=sections, users=users, now=now)
    load_discussions(users=users, now=now)
    return [
        Login(
            username=account.username,
            display_name=users[account.username].display_name,
            role=account.role,
            has_demo_password=is_demo(users[account.username].password),
        )
        for account in ACCOUNTS
    ]


def _load_account(account: Account, demo_hash) -> User:
    user, _created = User.objects.get_or_create(
        username=account.username,
        defaults={
            "display_name": account.display_name,
            "email": f"{account.username}@example.com",
            "password": demo_hash,  # called only when the user is created
            "approved_comments": 0 if account.newcomer else 2,
        },
    )
    roles = {
        "is_staff": account.role != "Reader",
        "is_superuser": account.role == "Superuser",
    }
    changed = [name for name, value in roles.items() if getattr(user, name) != value]
    if changed:
        for name in changed:
            setattr(user, name, roles[name])
        user.save(update_fields=changed)
    if account.role in ("Journalist", "Editor", "Moderator"):
        user.groups.add(Group.objects.get(name=account.role))
    return user


def _load_story(story: Story, *, sections, users, now) -> None:
    article = Article.objects.filter(slug=story.slug).first()
    if article is not None:
        if not (
            article.lead_photo
            and article.lead_photo.storage.exists(article.lead_photo.name)
        ):
            # The database may outlive the media folder (a fresh checkout, a
            # wiped volume); a photo whose file is gone is drawn again.
            _attach_photo(article, story.photo)
            article.save(
                update_fields=[
                    "lead_photo",
                    "photo_caption",
                    "photo_credit",
                    "photo_alt",
                    "updated_at",
                ]
            )
        return

    authors = [users[username] for username in story.authors]
    article = Article(
        slug=story.slug,
        headline=story.headline,
        dek=story.dek,
        body=story.body,
        section=sections[story.section],
        status=story.status,
        published_at=None if story.age is None else now - story.age,
        comments_open=True,
        created_by=authors[0],
    )
    _attach_photo(article, story.photo)
    article._change_reason = "Loaded as demo content."
    article.save()
    article.tags.add(*story.tags)
    Byline.objects.bulk_create(
        Byline(article=article, author=author, order=order)
        for order, author in enumerate(authors)
    )
    SourceDocument.objects.bulk_create(
        SourceDocument(
            article=article,
            title=release.title,
            issuer=release.issuer,
            issued_on=(article.published_at or now).date(),
            full_text=release.full_text,
            order=order,
        )
        for order, release in enumerate(story.documents)
    )


def _attach_photo(article: Article, photo: Photo) -> None:
    jpeg = render_car_photo(
        seed=article.slug,
        body=photo.body,
        colour=photo.colour,
        sky=photo.sky,
        backdrop=photo.backdrop,
        roof_sensor=photo.roof_sensor,
    )
    article.lead_photo.save(f"{article.slug}.jpg", ContentFile(jpeg), save=False)
    article.photo_caption = photo.caption
    article.photo_credit = PHOTO_CREDIT
    article.photo_alt = photo.alt
