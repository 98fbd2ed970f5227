"""Malformed input from anyone gets a 4xx page, never a server error."""

import pytest

from tests.factories import ArticleFactory, CommentFactory

GARBLED_GETS = [
    "/?page=x",
    "/?page=-1",
    "/section/none/",
    "/author/%00/",
    "/accounts/u/%00/",
    "/accounts/login/?next=%00",
    "/preview/abc/",
    "/comments/99999999999999999999/",
    "/moderation/?tab=zz&page=zz&article=x&reason=y",
    "/moderation/case/999999/",
    "/moderation/log/?date_from=zz&moderator=x&kind=%00",
    "/moderation/log.csv?guideline=x",
    "/moderation/notices/?page=zz&reports=-3",
    "/moderation/appeal/999999/",
    "/moderation/appeal/terminated/garbage/",
    "/moderation/report/user/%00/",
]

GARBLED_POSTS = [
    ("/comments/article/{article}/post/", {"body": "x", "parent": "9" * 20}),
    ("/comments/{comment}/report/", {"reason": "%00", "details": "\x00"}),
    ("/moderation/case/999/act/", {"action": "zz"}),
    ("/moderation/bulk/", {"cases": ["x", "9" * 20], "action": "hide"}),
    ("/accounts/signup/", {"username": "\x00", "email": "x", "display_name": "\x00"}),
    ("/accounts/login/", {"username": "\x00", "password": "\x00"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "reader", "moderator"])
def test_garbled_requests_get_a_4xx_never_a_500(client, who, reader, moderator):
    article = ArticleFactory()
    comment = CommentFactory(article=article)
    if who != "anonymous":
        client.force_login(reader if who == "reader" else moderator)
    gets = [
        *GARBLED_GETS,
        f"{article.get_absolute_url()}?sort=%00&after=zz~1&start=1~x",
        f"/comments/{comment.pk}/report/?x=1",
    ]
    for url in gets:
        assert client.get(url).status_code < 500, url
    for url, data in GARBLED_POSTS:
        url = url.format(article=article.pk, comment=comment.pk)
        assert client.post(url, data).status_code < 500, url
