"""The Community Guidelines page, as a flat page staff can edit in the admin.

Created here, not in a fixture, so every fresh database has the page the footer
and the moderation decisions link to.
"""

from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations

URL = "/community-guidelines/"
TITLE = "Community Guidelines"
CONTENT = """\
<p>Autoblog's comment sections are for readers who care about cars to talk with
each other and with our writers. These guidelines keep that conversation worth
reading. By commenting you agree to follow them.</p>

<h2>Be respectful</h2>
<p>Argue with ideas, not with people. Disagree as hard as you like about
horsepower, hybrids or the new grille, but do not insult, belittle or bait other
readers, our writers or the people in the story.</p>

<h2>No harassment</h2>
<p>Do not threaten, stalk, intimidate or pile on anyone, here or elsewhere. Do not
keep replying to someone who has made clear they want to stop talking with
you.</p>

<h2>No hate speech</h2>
<p>Do not attack or demean people for their race, ethnicity, national origin,
religion, caste, sex, gender identity, sexual orientation, age, disability or
serious illness. Slurs and hateful symbols are removed, including when they are
"only a joke".</p>

<h2>No spam or advertising</h2>
<p>Do not post advertisements, sales listings, affiliate links, links to
unrelated sites or the same message over and over. If you work for a carmaker,
dealer or supplier and comment about it, say so.</p>

<h2>Stay on topic</h2>
<p>Keep comments about the story and the discussion under it. Off-topic threads
drown out the readers who came to talk about the story.</p>

<h2>Nothing illegal</h2>
<p>Do not post anything that breaks the law or encourages others to, such as
pirated material, instructions for defeating emissions or safety equipment,
or offers of stolen parts.</p>

<h2>No impersonation</h2>
<p>Do not pretend to be another reader, one of our writers, a public figure or
a company. Choose a display name that does not mislead others about who you
are.</p>

<h2>Respect privacy</h2>
<p>Do not post anyone's private information: home addresses, phone numbers,
e-mail addresses, licence plates linked to a person, or photos of people taken
or shared without their consent.</p>

<h2>How reporting works</h2>
<p>If a comment or a user breaks these guidelines, use the <strong>Report</strong>
link next to it and tell us which guideline it breaks. Reports are confidential:
the person you report is not told who reported them. Autoblog staff review
reported comments and users 24 hours a day, seven days a week, and decide whether
they violate these guidelines. Comments that do are hidden from other readers.</p>

<h2>What happens to accounts</h2>
<p>Accounts are penalized for Community Guidelines violations: depending on the
violation, we may send a warning or suspend the account from commenting for a
time. Serious or repeated violations can lead to account termination.</p>

<p>These guidelines may change as our community grows. The version on this page
is the one that applies.</p>
"""


def create_guidelines(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    db = schema_editor.connection.alias
    site_id = getattr(settings, "SITE_ID", 1)
    # django.contrib.sites creates its default site only after all migrations
    # have run; the page needs one now. It then sees a site and leaves it be.
    site, created = Site.objects.using(db).get_or_create(
        pk=site_id, defaults={"domain": "example.com", "name": "example.com"}
    )
    if created:
        # An explicit primary key leaves PostgreSQL's sequence behind.
        with schema_editor.connection.cursor() as cursor:
            for sql in schema_editor.connection.ops.sequence_reset_sql(
                no_style(), [Site]
            ):
                cursor.execute(sql)
    # An existing page has been edited by staff; keep their text.
    page, _ = FlatPage.objects.using(db).get_or_create(
        url=URL, defaults={"title": TITLE, "content": CONTENT}
    )
    page.sites.add(site)


class Migration(migrations.Migration):
    dependencies = [
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
        ("articles", "0001_initial"),
    ]

    # Unapplying leaves the page alone: it may hold staff edits worth keeping.
    operations = [migrations.RunPython(create_guidelines, migrations.RunPython.noop)]
