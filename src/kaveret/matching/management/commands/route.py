"""``manage.py route --text "..." [--json] [--kinds community call challenge] [--limit N]
[--mode hybrid|lexical|semantic]``: where a venture or an idea fits.

Prints the communities, calls and challenges that fit the text, best first, with the
score, its breakdown and the reasons; ``--json`` prints the same as the API's
``POST /api/v1/match/route`` answers. Reads the whole index (no user's permissions apply:
an operator's tool).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kaveret.matching import recommend


class Command(BaseCommand):
    help = "Route a text to the communities, calls and challenges that fit it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--text", required=True, help="The venture or idea, any language.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument(
            "--kinds",
            nargs="+",
            default=list(recommend.ROUTING_KINDS),
            help="Kinds to route to: community call challenge (default all three).",
        )
        parser.add_argument("--limit", type=int, default=10, help="How many (1-50, default 10).")
        parser.add_argument(
            "--mode", default="hybrid", help="hybrid (default), lexical or semantic."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text, kinds, limit, mode = recommend.validate_route(
                options["text"], options["kinds"], options["limit"], options["mode"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        items = recommend.route_text(text, kinds=kinds, limit=limit, mode=mode)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"items": [item.as_dict() for item in items]}, ensure_ascii=False, indent=1
                )
            )
            return
        if not items:
            self.stdout.write("-")
            return
        for position, item in enumerate(items, start=1):
            closed = "" if item.is_active else " (closed)"
            self.stdout.write(f"{position}. [{item.kind}] {item.title}{closed}  {item.score:.3f}")
            for reason in item.reasons:
                self.stdout.write(f"   - {reason}")
