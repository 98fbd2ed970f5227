from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.demo.load import load_demo
from articles.demo.stories import PASSWORD, STORIES


class Command(BaseCommand):
    help = (
        "Load demo accounts, sections and stories with illustrated lead photos. "
        "Running it again only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help=f'Set every demo account\'s password back to "{PASSWORD}".',
        )

    def handle(self, *args, reset_passwords, verbosity, **options):
        logins = load_demo(now=timezone.now(), reset_passwords=reset_passwords)
        if verbosity == 0:
            return
        self.stdout.write(
            f"Demo site ready: {len(STORIES)} stories. "
            f'Sign in with these accounts (password "{PASSWORD}"):'
        )
        rows = [
            ("Username", "Name", "Role"),
            *((login.username, login.display_name, login.role) for login in logins),
        ]
        widths = [max(map(len, column)) for column in zip(*rows, strict=True)]
        for row in rows:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(f"  {'  '.join(cells)}".rstrip())
        changed = [login.username for login in logins if not login.has_demo_password]
        if changed:
            self.stdout.write(
                self.style.WARNING(
                    f"These accounts have another password: {', '.join(changed)}. "
                    "Run load_demo --reset-passwords to set the demo one again."
                )
            )
