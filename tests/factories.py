import factory
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from articles.models import Article, Byline, Section, SourceDocument
from comments.models import MAX_DEPTH, Comment
from comments.services import render_body

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    display_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)
    # An established reader; pre-moderation tests start from 0.
    approved_comments = 2


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = "News"
    slug = factory.LazyAttribute(lambda s: s.name.lower().replace(" ", "-"))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Carmaker announces model number {n}")
    slug = factory.Sequence(lambda n: f"carmaker-announces-model-{n}")
    dek = "A short summary of the story."
    body = "<p>The first paragraph of the story.</p><p>The second one.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(
        lambda: timezone.now() - timezone.timedelta(hours=1)
    )

    @factory.post_generation
    def bylines(self, create, extracted, **kwargs):
        if not create:
            return
        for order, author in enumerate(extracted or [UserFactory()]):
            Byline.objects.create(article=self, author=author, order=order)


class SourceDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceDocument

    article = factory.SubFactory(ArticleFactory)
    title = "Two carmakers agree to share a sedan platform"
    issuer = "Example Motors Press Office"
    issued_on = factory.LazyFunction(lambda: timezone.now().date())
    full_text = "First paragraph of the release.\n\nSecond paragraph of the release."


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment row written directly, for reading tests; writing tests go
    through comments.services."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(UserFactory)
    parent = None
    root = factory.LazyAttribute(
        lambda c: (c.parent.root or c.parent) if c.parent else None
    )
    depth = factory.LazyAttribute(
        lambda c: min(c.parent.depth + 1, MAX_DEPTH) if c.parent else 0
    )
    body = factory.Sequence(lambda n: f"Comment number {n} about this car.")
    body_html = factory.LazyAttribute(lambda c: render_body(c.body))
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        comment = super()._create(model_class, *args, **kwargs)
        if comment.status == Comment.Status.VISIBLE:
            Article.objects.filter(pk=comment.article_id).update(
                comment_count=F("comment_count") + 1
            )
        return comment
