from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article

from . import selectors, services
from .forms import CommentForm
from .models import Comment


def _public_article(article_id: int) -> Article:
    return get_object_or_404(Article.objects.published(), pk=article_id)


def _visible_comment(pk: int, user) -> Comment:
    """A comment the user may see, on a public article."""
    comment = get_object_or_404(
        Comment.objects.select_related("article", "author").filter(
            article__in=Article.objects.published()
        ),
        pk=pk,
    )
    if comment.status == Comment.Status.PENDING and comment.author_id != user.pk:
        raise Http404
    return comment


def discussion_context(request, article: Article) -> dict:
    """What the discussion partials need; also used by the article page."""
    try:
        page = selectors.discussion_page(
            article=article,
            viewer=request.user,
            sort=request.GET.get("sort", selectors.DEFAULT_SORT),
            after=request.GET.get("after"),
            start=request.GET.get("start"),
            limit=settings.COMMENTS_PAGE_SIZE,
        )
    except selectors.BadCursor as error:
        raise Http404("No such page of comments.") from error
    return {
        "article": article,
        "discussion": page,
        "sorts": selectors.SORTS,
        "comment_form": CommentForm(),
    }


@require_GET
def thread_page(request, article_id):
    """The next page of threads: appended by htmx, or a page of its own."""
    article = _public_article(article_id)
    context = discussion_context(request, article)
    if request.htmx:
        return render(request, "comments/_page.html", context)
    query = urlencode({k: v for k, v in request.GET.items() if k in ("sort", "after")})
    return redirect(f"{article.get_absolute_url()}?{query}#comments")


def permalink(request, pk):
    """Open the article at the page that holds this comment's thread."""
    comment = _visible_comment(pk, request.user)
    thread = comment if comment.root_id is None else comment.root
    start = selectors.thread_cursor(thread, selectors.DEFAULT_SORT)
    query = urlencode({"start": start})
    return redirect(f"{comment.article.get_absolute_url()}?{query}#c{comment.pk}")


def _refused(request, template, context, error):
    """Re-render the form, with the reader's text, and the refusal's status."""
    response = render(request, template, context, status=error.status_code)
    if isinstance(error, services.FloodError):
        response["Retry-After"] = str(error.retry_after)
    return response


def _error(request, message: str, status: int, comment: Comment | None = None):
    """A refusal that has no form to go back to."""
    template = "comments/_error.html" if request.htmx else "comments/error_page.html"
    context = {"message": message, "comment": comment}
    return render(request, template, context, status=status)


def _sign_in_first(request, next_url: str):
    # htmx follows a plain redirect inside the XHR and would put the sign-in
    # page in place of the comment; HX-Redirect moves the whole window.
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = sign_in_url(next_url)
        return response
    return redirect(sign_in_url(next_url))


def signed_in(view):
    """login_required, except that htmx is told to move the whole window."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _sign_in_first(request, request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


@require_POST
def post(request, article_id):
    article = _public_article(article_id)
    if not request.user.is_authenticated:
        return _sign_in_first(request, f"{article.get_absolute_url()}#comments")
    parent = None
    if request.POST.get("parent"):
        try:
            parent = Comment.objects.get(pk=int(request.POST["parent"]))
        except (ValueError, Comment.DoesNotExist):
            return _error(request, "The comment you replied to does not exist.", 400)
    form = CommentForm(request.POST)
    context = {"article": article, "form": form, "parent": parent}
    template = (
        "comments/_form.html" if request.htmx else "comments/comment_form_page.html"
    )
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        comment = services.post_comment(
            article=article,
            author=request.user,
            body=form.cleaned_data["body"],
            parent=parent,
            ip_address=request.META.get("REMOTE_ADDR"),
        )
    except services.CommentError as error:
        form.add_error(None, error.message)
        return _refused(request, template, context, error)
    if request.htmx:
        comment = selectors.comment_for_display(comment, viewer=request.user)
        # The heading's count, swapped out of band, was raised by the post.
        article.refresh_from_db(fields=["comment_count"])
        return render(
            request,
            "comments/_posted.html",
            {"article": article, "comment": comment, "form": CommentForm()},
        )
    return redirect(comment)


@signed_in
@require_GET
def reply(request, pk):
    """The reply form: inline under the comment with htmx, else a page."""
    parent = _visible_comment(pk, request.user)
    context = {"article": parent.article, "parent": parent, "form": CommentForm()}
    if request.htmx:
        return render(request, "comments/_form.html", context)
    return render(request, "comments/comment_form_page.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    comment = _visible_comment(pk, request.user)
    if comment.author_id != request.user.pk:
        return _error(request, "You can only edit your own comments.", 403, comment)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    template = "comments/_edit_form.html" if request.htmx else "comments/edit_page.html"
    context = {"article": comment.article, "comment": comment, "form": form}
    if request.method == "GET":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        comment = services.edit_comment(
            comment=comment, user=request.user, body=form.cleaned_data["body"]
        )
    except services.CommentError as error:
        form.add_error(None, error.message)
        return _refused(request, template, context, error)
    if request.htmx:
        comment = selectors.comment_for_display(comment, viewer=request.user)
        return render(request, "comments/_comment.html", {"comment": comment})
    return redirect(comment)


@signed_in
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    comment = _visible_comment(pk, request.user)
    context = {"article": comment.article, "comment": comment}
    if comment.author_id != request.user.pk:
        return _error(request, "You can only delete your own comments.", 403, comment)
    if request.method == "GET":
        return render(request, "comments/delete_page.html", context)
    try:
        comment = services.delete_comment(comment=comment, user=request.user)
    except services.CommentError as error:
        return _error(request, error.message, error.status_code, comment)
    if request.htmx:
        comment = selectors.comment_for_display(comment, viewer=request.user)
        return render(request, "comments/_comment.html", {"comment": comment})
    return redirect(comment)


def _like_view(action):
    @require_POST
    def view(request, pk):
        comment = _visible_comment(pk, request.user)
        if not request.user.is_authenticated:
            return _sign_in_first(request, comment.get_absolute_url())
        try:
            action(comment=comment, user=request.user)
        except services.CommentError as error:
            return _error(request, error.message, error.status_code, comment)
        if request.htmx:
            comment = selectors.comment_for_display(comment, viewer=request.user)
            return render(request, "comments/_comment.html", {"comment": comment})
        return redirect(comment)

    return view


like = _like_view(services.like_comment)
unlike = _like_view(services.unlike_comment)


def sign_in_url(next_url: str) -> str:
    return reverse("accounts:login") + "?" + urlencode({"next": next_url})
