"""The record refuses changes, the guidelines get our text, and moderators get
their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REFUSE_CHANGES = """
CREATE FUNCTION moderation_record_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The moderation record is append-only: % refused.', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER moderation_record_append_only
BEFORE UPDATE OR DELETE ON moderation_moderationaction
FOR EACH ROW EXECUTE FUNCTION moderation_record_is_append_only();
"""

ALLOW_CHANGES = """
DROP TRIGGER moderation_record_append_only ON moderation_moderationaction;
DROP FUNCTION moderation_record_is_append_only();
"""

GUIDELINES = [
    (
        "harassment",
        "Harassment or bullying",
        "Attacking, threatening, insulting or singling out another person.",
        True,
    ),
    (
        "hate",
        "Hate speech",
        "Demeaning people for their race, ethnicity, religion, gender, sexual "
        "orientation, disability or origin.",
        True,
    ),
    (
        "spam",
        "Spam or advertising",
        "Promotions, repeated posts, link farming or selling anything.",
        False,
    ),
    (
        "off-topic",
        "Off-topic",
        "Comments that have nothing to do with the story or the discussion.",
        False,
    ),
    (
        "illegal",
        "Illegal content",
        "Content that breaks the law or encourages others to break it.",
        True,
    ),
    (
        "impersonation",
        "Impersonation",
        "Pretending to be another person, a journalist or a company.",
        True,
    ),
    (
        "privacy",
        "Private information",
        "Sharing someone's address, phone number or other personal details.",
        True,
    ),
    (
        "profanity",
        "Profanity or vulgarity",
        "Obscene language or sexual content in a discussion about cars.",
        False,
    ),
]

MODERATOR_PERMISSIONS = [
    "moderation.moderate",
    "moderation.view_guideline",
    "moderation.add_guideline",
    "moderation.change_guideline",
    "moderation.view_watchword",
    "moderation.add_watchword",
    "moderation.change_watchword",
    "moderation.delete_watchword",
]


def seed(apps, schema_editor):
    Guideline = apps.get_model("moderation", "Guideline")
    for position, (code, title, description, serious) in enumerate(GUIDELINES):
        Guideline.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "description": description,
                "serious": serious,
                "position": position,
            },
        )
    # Permissions are normally created after all migrations have run.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderator")
    for code in MODERATOR_PERMISSIONS:
        app_label, codename = code.split(".")
        moderators.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [
        migrations.RunSQL(REFUSE_CHANGES, ALLOW_CHANGES),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
