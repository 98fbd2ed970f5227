from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _test_storage(settings, tmp_path):
    """Uploads go to a throwaway folder; static files come from the finders.

    Production's manifest storage needs collectstatic first, which a test of a
    page has no reason to depend on.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True
    # imagekit remembers in the cache which renditions exist; they existed in
    # another test's MEDIA_ROOT.
    caches["default"].clear()
    # Real hashers are slow on purpose; tests create many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", display_name="Rita Reader")


# A copy: the migrations read these modules too, and must see them unchanged.
ROLES = dict(import_module("accounts.migrations.0002_roles").ROLES)
ROLES["Moderator"] = [
    *ROLES["Moderator"],
    *import_module(
        "moderation.migrations.0002_record_guidelines_roles"
    ).MODERATOR_PERMISSIONS,
]


def role(name: str) -> Group:
    """The newsroom role, as its data migration made it.

    Live-server tests empty the database, and serialized rollback cannot put the
    migration's rows back once Playwright runs (connections are context-local),
    so the role is made again when missing.
    """
    group, created = Group.objects.get_or_create(name=name)
    if created:
        # A flush without post-migrate signals takes the permissions too.
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        for code in ROLES[name]:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
    return group


def _member_of(group_name, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(role(group_name))
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


def pytest_collection_modifyitems(items):
    """Browser tests last: their live server empties the database, which the
    other tests' migrated rows (roles, pages) would not survive."""
    items.sort(key=lambda item: "tests/browser/" in str(item.path))
