import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads and photo renditions go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", display_name="Rita Reader")


def _member_of(group_name, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def journalist(db):
    return _member_of("Journalist", username="journalist", display_name="Jo Journalist")


@pytest.fixture
def editor(db):
    return _member_of("Editor", username="editor", display_name="Ed Editor")


@pytest.fixture
def moderator(db):
    return _member_of("Moderator", username="moderator", display_name="Mo Moderator")
