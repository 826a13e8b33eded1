"""Create an API token for a user and print its key, which is shown only this once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kaveret.accounts.models import User
from kaveret.accounts.services import create_api_token
from kaveret.core.errors import DomainError


class Command(BaseCommand):
    help = "Create an API token for the user with EMAIL, named NAME, and print its key once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The email address of the user the token acts as.")
        parser.add_argument("name", help="What the token is for, e.g. 'CRM sync'.")

    def handle(self, *args: Any, email: str, name: str, **options: Any) -> None:
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None:
            raise CommandError(f"No user with the email address {email}.")
        try:
            token, key = create_api_token(user=user, name=name)
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(
            f"Created token “{token.name}” for {user.email}. "
            "Copy the key now: it is not stored and cannot be shown again."
        )
        self.stdout.write(key)
