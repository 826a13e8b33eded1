"""``manage.py load_demo``: the real demo ecosystem of the seeds, and optionally generated bulk."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from kaveret.accounts.models import RoleAssignment, User
from kaveret.calls.models import Application, Call, Review
from kaveret.challenges.models import Challenge
from kaveret.communities.models import Community, Event, Membership, WorkActivity
from kaveret.ecosystem.demo.loader import load_demo
from kaveret.ecosystem.demo.network import DEMO_PASSWORD
from kaveret.ecosystem.demo.synthetic import DEFAULT_SEED, RELATIONS_PER_VENTURE, load_synthetic
from kaveret.ecosystem.models import Affiliation, Organisation, Person, Relation, Venture
from kaveret.knowledge.models import KnowledgeItem
from kaveret.matching.models import MatchmakingEvent, Meeting, SearchDocument
from kaveret.measurement.models import Programme
from kaveret.partnerships.models import Partnership
from kaveret.trends.models import TrendSignal


class Command(BaseCommand):
    help = (
        "Load the demo ecosystem named in the seed documents (idempotent: running it again "
        "changes nothing), and with --synthetic N add N generated ventures for scale testing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help="also add N generated ventures, ~N/5 organisations, ~N people, ~3N relations",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"random seed for --synthetic (default {DEFAULT_SEED})",
        )
        parser.add_argument(
            "--relations-per-venture",
            type=int,
            default=RELATIONS_PER_VENTURE,
            metavar="R",
            help=f"with --synthetic, about R relations a venture (default {RELATIONS_PER_VENTURE})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["synthetic"]
        if count < 0:
            self.stderr.write("--synthetic must be zero or more")
            return
        if options["relations_per_venture"] < 1:
            self.stderr.write("--relations-per-venture must be one or more")
            return
        self.stdout.write("Loading the demo ecosystem from the seed documents…")
        result = load_demo()
        self.stdout.write("Indexing the demo for search and matching…")
        call_command("rebuild_index", "--quiet", stdout=self.stdout, stderr=self.stderr)
        if count:
            self.stdout.write(f"Adding {count:,} synthetic ventures (seed {options['seed']})…")
            synthetic = load_synthetic(
                count,
                seed=options["seed"],
                relations_per_venture=options["relations_per_venture"],
                progress=self.stdout.write,
            )
            self.stdout.write(
                f"Added {synthetic.ventures:,} ventures, {synthetic.organisations:,} "
                f"organisations, {synthetic.people:,} people, {synthetic.relations:,} "
                f"relations, {synthetic.memberships:,} memberships in {synthetic.seconds:.1f}s."
            )
        self._summary(result.logins)

    def _summary(self, logins: Any) -> None:
        counts = {
            "organisations": Organisation.objects.count(),
            "ventures": Venture.objects.count(),
            "people": Person.objects.count(),
            "affiliations": Affiliation.objects.count(),
            "relations": Relation.objects.count(),
            "communities": Community.objects.count(),
            "memberships": Membership.objects.count(),
            "events": Event.objects.count(),
            "activities": WorkActivity.objects.count(),
            "knowledge": KnowledgeItem.objects.count(),
            "trend signals": TrendSignal.objects.count(),
            "challenges": Challenge.objects.count(),
            "calls": Call.objects.count(),
            "applications": Application.objects.count(),
            "reviews": Review.objects.count(),
            "matchmaking": MatchmakingEvent.objects.count(),
            "meetings": Meeting.objects.count(),
            "partnerships": Partnership.objects.count(),
            "programmes": Programme.objects.count(),
            "indexed": SearchDocument.objects.count(),
        }
        self.stdout.write(self.style.SUCCESS("Demo ecosystem ready:"))
        for label, value in counts.items():
            self.stdout.write(f"  {label:<14} {value:>9,}")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password: {DEMO_PASSWORD}):"))
        for login in logins:
            user = User.objects.get(email=login.email)
            roles = ", ".join(str(r) for r in RoleAssignment.objects.filter(user=user))
            self.stdout.write(f"  {login.email:<34} {login.what}  [{roles}]")
