"""``manage.py import_ecosystem FILE --kind organisations``: the web import, in a terminal.

It checks the file (a dry run), prints the row report, asks before writing (``--yes``
skips the question) and applies it in one transaction with a progress bar.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from kaveret.accounts.models import User
from kaveret.core.errors import DomainError
from kaveret.ecosystem.imports import (
    MAX_IMPORT_BYTES,
    ImportReport,
    Outcome,
    error_messages,
    read_table,
    run_import,
)
from kaveret.ecosystem.models import ImportJob

BAR_WIDTH = 30


class CommandLineOperator:
    """Whoever runs manage.py may do anything manage.py can; the services still check data."""

    is_authenticated = True
    is_active = True
    pk = None

    def has_perm(self, permission: str, obj: Any = None) -> bool:
        return True


class Command(BaseCommand):
    help = (
        "Import organisations, ventures, people or relations from a CSV or .xlsx file. "
        "Shows what each row would do, then asks before writing (all or nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a .csv or .xlsx file")
        parser.add_argument("--kind", required=True, choices=ImportJob.Kind.values)
        parser.add_argument(
            "--dry-run", action="store_true", help="only show what would happen; write nothing"
        )
        parser.add_argument("--yes", action="store_true", help="apply without asking")
        parser.add_argument(
            "--user", metavar="EMAIL", help="act as this user (default: full rights)"
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the report (default: the site's, LANGUAGE_CODE)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["language"] or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        with path.open("rb") as source:
            data = source.read(MAX_IMPORT_BYTES + 1)  # one byte more: read_table refuses it
        by = self._operator(options["user"])
        kind = options["kind"]
        try:
            table = read_table(data, path.name)
            report = run_import(kind=kind, by=by, table=table, apply=False)
        except (DomainError, PermissionDenied) as error:
            raise CommandError(self._reason(error)) from error
        self._print_report(report)
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        if not (report.counts[Outcome.CREATED] or report.counts[Outcome.UPDATED]):
            self.stdout.write(_("Nothing to write."))
            return
        if not options["yes"] and not self._confirmed():
            self.stdout.write(_("Nothing was written."))
            return
        try:
            applied = run_import(
                kind=kind,
                by=by,
                table=table,
                apply=True,
                progress=self._progress,
                refused_in_check=report.refused_rows,
            )
        except (DomainError, PermissionDenied) as error:
            self.stdout.write("")
            raise CommandError(self._reason(error)) from error
        self.stdout.write("")
        counts = applied.counts
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                    "%(refused)s refused."
                )
                % counts
            )
        )

    def _operator(self, email: str | None) -> Any:
        if not email:
            return CommandLineOperator()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(_("No user with the email %(email)s.") % {"email": email})
        return user

    @staticmethod
    def _reason(error: Exception) -> str:
        if isinstance(error, DomainError):
            return " ".join(error_messages(error))
        return str(error)

    def _print_report(self, report: ImportReport) -> None:
        for notice in report.notices:
            self.stdout.write(self.style.WARNING(notice))
        labels = dict(Outcome.choices)
        for row in report.rows:
            line = f"{row.row:>5}  {labels[row.outcome]:<10}  {row.label}"
            if row.messages:
                line += "  — " + " ".join(row.messages)
            style = self.style.ERROR if row.outcome == Outcome.REFUSED else str
            self.stdout.write(style(line))
        summary = ", ".join(f"{labels[key]}: {count}" for key, count in report.counts.items())
        self.stdout.write(summary)

    def _confirmed(self) -> bool:
        if not sys.stdin.isatty():
            raise CommandError(_("Not asking without a terminal; add --yes to apply."))
        answer = input(_("Write these changes? [y/N] "))
        return answer.strip().lower() in {"y", "yes", "כ", "כן"}

    def _progress(self, current: int, total: int) -> None:
        filled = BAR_WIDTH * current // total if total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {current}/{total}", ending="")
        self.stdout.flush()
