"""Write a report to a file from the command line (as the operator: every plan, community
and call may be reported on).

    manage.py report workplan --year 2021 --lang he --out plan-2021.pdf
    manage.py report community --slug disability --year 2025 --format xlsx --out c.xlsx
    manage.py report call --slug techability-2025 --lang en --out results.pdf
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kaveret.measurement.models import ReportFormat, ReportKind, WorkPlan
from kaveret.measurement.reports_services import Subject, render_report

KINDS = {
    "workplan": ReportKind.WORK_PLAN,
    "community": ReportKind.COMMUNITY_YEAR,
    "call": ReportKind.CALL_RESULTS,
}


class Command(BaseCommand):
    help = "Write the work plan, a community's yearly report or a call's results to a file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS), help="Which report.")
        parser.add_argument("--year", type=int, help="The plan's year, or the community's year.")
        parser.add_argument("--plan", type=int, help="The plan's id, when a year has several.")
        parser.add_argument("--slug", help="The community's or the call's slug.")
        parser.add_argument(
            "--lang",
            default="he",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The report's language (default: he).",
        )
        parser.add_argument(
            "--format", dest="file_format", default="pdf", choices=ReportFormat.values
        )
        parser.add_argument("--out", required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        subject = self._subject(options["kind"], options)
        started = time.monotonic()
        content = render_report(subject, options["lang"], options["file_format"])
        out = Path(options["out"])
        try:
            out.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error}") from error
        self.stdout.write(
            f"Wrote {out} ({len(content):,} bytes) in {time.monotonic() - started:.1f} s."
        )

    def _subject(self, kind: str, options: dict[str, Any]) -> Subject:
        year = options.get("year")
        slug = options.get("slug")
        if kind == "workplan":
            plans = WorkPlan.objects.select_related("organisation")
            if options.get("plan"):
                plans = plans.filter(pk=options["plan"])
            elif year:
                plans = plans.filter(year=year)
            else:
                raise CommandError("Give --year (or --plan) for the work plan.")
            found = list(plans[:2])
            if not found:
                known = sorted(set(WorkPlan.objects.values_list("year", flat=True)))
                raise CommandError(
                    f"No work plan for {options.get('plan') or year}. "
                    f"Years with a plan: {', '.join(map(str, known)) or 'none'}."
                )
            if len(found) > 1:
                ids = ", ".join(f"{plan.pk} ({plan.organisation})" for plan in plans.order_by("pk"))
                raise CommandError(f"Several plans for {year}; choose one with --plan: {ids}.")
            return Subject(kind=ReportKind.WORK_PLAN, obj=found[0])
        if not slug:
            raise CommandError(f"Give --slug for the {kind} report.")
        if kind == "community":
            from kaveret.communities.models import Community

            if not year:
                raise CommandError("Give --year for the community's report.")
            community = Community.objects.filter(slug=slug).first()
            if community is None:
                raise CommandError(f"No community with the slug {slug!r}.")
            return Subject(kind=ReportKind.COMMUNITY_YEAR, obj=community, year=year)
        from kaveret.calls.models import Call

        call = Call.objects.select_related("community").filter(slug=slug).first()
        if call is None:
            raise CommandError(f"No call with the slug {slug!r}.")
        return Subject(kind=ReportKind.CALL_RESULTS, obj=call)
