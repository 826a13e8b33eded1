"""Create the platform admin if missing, or reset its password: safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from kaveret.accounts.models import Role, RoleAssignment, User


class Command(BaseCommand):
    help = "Create (or update) a platform admin account with the given email and password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", required=True)

    @transaction.atomic
    def handle(self, *args: Any, email: str, password: str, **options: Any) -> None:
        user, created = User.objects.get_or_create(
            email=email.lower(),
            defaults={"is_staff": True, "is_superuser": True, "full_name": "מנהל מערכת"},
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        RoleAssignment.objects.get_or_create(user=user, role=Role.PLATFORM_ADMIN)
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} platform admin {user.email}"))
