"""`python manage.py load_demo`: load the demo of 004_…; running it again changes nothing.

The demo's users, the superuser `admin` among them, share a password that the README
publishes. Under production settings the command therefore refuses unless given
--in-production, which takes new passwords from the environment instead.
"""

import datetime
import os

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from uppfoljning.demo import content
from uppfoljning.demo.loader import DemoPasswords, load_demo

ADMIN_PASSWORD_ENV = "DEMO_ADMIN_PASSWORD"
USERS_PASSWORD_ENV = "DEMO_USERS_PASSWORD"


def new_passwords() -> DemoPasswords:
    """The new passwords from the environment, refused unless each is a proper password."""
    given = {name: os.environ.get(name, "") for name in (ADMIN_PASSWORD_ENV, USERS_PASSWORD_ENV)}
    missing = [name for name, value in given.items() if not value]
    if missing:
        raise CommandError(
            _(
                "--in-production needs new passwords for the demo users: set %(names)s "
                "(%(admin)s for the superuser admin, %(users)s for the four other users)."
            )
            % {
                "names": ", ".join(missing),
                "admin": ADMIN_PASSWORD_ENV,
                "users": USERS_PASSWORD_ENV,
            }
        )
    for name, value in given.items():
        if value == content.DEMO_PASSWORD:
            raise CommandError(
                _("%(name)s is the demo's published password; choose another.") % {"name": name}
            )
        try:
            validate_password(value)
        except ValidationError as exc:
            raise CommandError(f"{name}: {' '.join(exc.messages)}") from exc
    if given[ADMIN_PASSWORD_ENV] == given[USERS_PASSWORD_ENV]:
        raise CommandError(
            _("The superuser's password must differ from the other users': %(a)s = %(b)s.")
            % {"a": ADMIN_PASSWORD_ENV, "b": USERS_PASSWORD_ENV}
        )
    return DemoPasswords(admin=given[ADMIN_PASSWORD_ENV], users=given[USERS_PASSWORD_ENV])


class Command(BaseCommand):
    help = "Load the demo data (the board, agreements and suppliers of the 2024 report)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Place the live checks and exclusions relative to this date (YYYY-MM-DD).",
        )
        parser.add_argument(
            "--in-production",
            action="store_true",
            help=(
                f"Load the demo under production settings. The users get the passwords in "
                f"{ADMIN_PASSWORD_ENV} (admin) and {USERS_PASSWORD_ENV} (the others) instead "
                "of the published demo password."
            ),
        )

    def handle(self, *args, today=None, in_production=False, **options):
        if settings.PRODUCTION and not in_production:
            # Checked before anything is read or written.
            raise CommandError(
                _(
                    "These are production settings. The demo would create the superuser admin "
                    "and four users with the password published in the README. To load it "
                    "anyway, run load_demo --in-production with new passwords in %(admin)s and "
                    "%(users)s."
                )
                % {"admin": ADMIN_PASSWORD_ENV, "users": USERS_PASSWORD_ENV}
            )
        passwords = new_passwords() if in_production else None
        result = load_demo(today=today, passwords=passwords)
        if result.changed:
            created = ", ".join(f"{n} {what}" for what, n in sorted(result.created.items()) if n)
            self.stdout.write(self.style.SUCCESS(f"Demo loaded: {created}."))
        else:
            self.stdout.write("Demo already loaded; nothing changed.")
        if passwords:
            self.stdout.write(
                f"Demo users (one per role): admin with the password in {ADMIN_PASSWORD_ENV}, "
                f"the others with the password in {USERS_PASSWORD_ENV}:"
            )
        else:
            self.stdout.write("Demo users (one per role), all with the password:")
            self.stdout.write(f"    {content.DEMO_PASSWORD}")
        second_factor = []
        for username, _first, _last, role in content.DEMO_USERS:
            self.stdout.write(f"    {username:<18} {role or 'superuser (admin)'}")
            if role is None or role in settings.TWO_FACTOR_REQUIRED_ROLES:
                second_factor.append(username)
        if second_factor:
            self.stdout.write(
                f"{', '.join(second_factor)}: two-step verification (TWO_FACTOR_REQUIRED_ROLES); "
                "at the first login the site shows a QR code for an authenticator app."
            )
        if result.passwords_replaced:
            self.stdout.write(
                "These had the published demo password and now have the new one: "
                + ", ".join(result.passwords_replaced)
                + "."
            )
        if not result.users_created and not result.passwords_replaced:
            self.stdout.write("(The users existed already; their passwords were not changed.)")
