"""``manage.py rebuild_index [--kinds venture,call] [--reembed]``: re-index everything.

Writes every searchable object's document again, reusing the stored vector wherever the
embedded text did not change (``--reembed`` recomputes them all), drops documents whose
object is gone, and shows a progress bar with counts and rate on stderr.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kaveret.core.progress import percent
from kaveret.matching import index

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search index (documents, tokens and vectors)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kinds",
            default="",
            help="Comma-separated kinds to rebuild (default: all): " + ", ".join(index.KINDS),
        )
        parser.add_argument(
            "--reembed", action="store_true", help="Recompute every vector, even unchanged ones."
        )
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = [kind.strip() for kind in options["kinds"].split(",") if kind.strip()]
        unknown = [kind for kind in kinds if kind not in index.KINDS]
        if unknown:
            raise CommandError(
                _("Unknown kinds: %(kinds)s. Known: %(known)s.")
                % {"kinds": ", ".join(unknown), "known": ", ".join(index.KINDS)}
            )
        chosen = kinds or list(index.KINDS)
        total = sum(index.count_kind(kind) for kind in chosen)
        started = time.perf_counter()
        done = 0
        quiet = options["quiet"] or options.get("verbosity", 1) == 0

        def progress(count: int) -> None:
            nonlocal done
            done += count
            if quiet:
                return
            elapsed = max(time.perf_counter() - started, 1e-6)
            filled = BAR_WIDTH * done // total if total else BAR_WIDTH
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stderr.write(
                f"\r[{bar}] {done}/{total} ({percent(done, total)}%) {done / elapsed:.1f}/s",
                ending="",
            )
            self.stderr.flush()

        stats = index.rebuild(chosen, reembed=options["reembed"], on_progress=progress)
        if not quiet:
            self.stderr.write("")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Indexed %(indexed)s documents in %(seconds).1f s: %(embedded)s embedded, "
                    "%(reused)s vectors reused, %(deleted)s stale documents removed."
                )
                % {
                    "indexed": stats.indexed,
                    "seconds": elapsed,
                    "embedded": stats.embedded,
                    "reused": stats.reused,
                    "deleted": stats.deleted,
                }
            )
        )
