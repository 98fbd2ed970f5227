def test_only_editors_may_publish(journalist, editor):
    assert editor.has_perm("articles.publish_article")
    assert not journalist.has_perm("articles.publish_article")
    assert journalist.has_perm("articles.change_article")
