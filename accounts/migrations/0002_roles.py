"""Newsroom roles as groups with explicit permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Journalist": [
        "articles.view_article",
        "articles.add_article",
        "articles.change_article",
        "articles.view_section",
        "articles.view_byline",
        "articles.add_byline",
        "articles.change_byline",
        "articles.delete_byline",
        "articles.view_sourcedocument",
        "articles.add_sourcedocument",
        "articles.change_sourcedocument",
        "articles.delete_sourcedocument",
        "taggit.view_tag",
        "taggit.add_tag",
    ],
    "Editor": [
        "articles.view_article",
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.publish_article",
        "articles.view_section",
        "articles.add_section",
        "articles.change_section",
        "articles.view_byline",
        "articles.add_byline",
        "articles.change_byline",
        "articles.delete_byline",
        "articles.view_sourcedocument",
        "articles.add_sourcedocument",
        "articles.change_sourcedocument",
        "articles.delete_sourcedocument",
        "taggit.view_tag",
        "taggit.add_tag",
        "taggit.change_tag",
        "flatpages.view_flatpage",
        "flatpages.change_flatpage",
    ],
    "Moderator": [
        "accounts.view_user",
        "flatpages.view_flatpage",
        "flatpages.change_flatpage",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; roles need
    # them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("articles", "0001_initial"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
        ("flatpages", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
