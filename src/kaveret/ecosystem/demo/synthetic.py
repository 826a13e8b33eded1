"""Generated ventures, organisations, people and ties, in bulk, for load and scale testing.

Everything is drawn from one seeded ``random.Random`` and one seeded Faker, so the same seed
on the same database gives the same rows. Writing goes through ``bulk_create`` in chunks,
one transaction per chunk. Organisations and ventures are children of ``Actor``
(multi-table inheritance), which ``bulk_create`` refuses; so the ``Actor`` rows are
bulk-created first (their primary keys come back from the insert) and the child rows are
inserted beside them with ``actor_ptr_id`` through one parametrised ``executemany``.

Every synthetic name ends in a serial number above the largest actor key at the start of the
run: names never collide with the real demo actors (which the real load finds by name), and
a second run does not repeat the first one's names.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Max
from faker import Faker

from kaveret.communities.models import Community, Membership, MemberType
from kaveret.core.text import search_document
from kaveret.ecosystem.choices import (
    ActorType,
    FoundersSociety,
    OrganisationKind,
    PartnershipLevel,
    RelationKind,
    Sector,
    VentureOrigin,
    VentureStage,
    VentureType,
    sector_for_kind,
)
from kaveret.ecosystem.models import (
    Actor,
    Affiliation,
    Domain,
    Language,
    Organisation,
    Person,
    Region,
    Relation,
    TargetPopulation,
    Technology,
    Venture,
)
from kaveret.ecosystem.signals import announce_ecosystem_changed

DEFAULT_SEED = 20240701
CHUNK_SIZE = 5000
ORGANISATIONS_PER_VENTURE = 0.2
RELATIONS_PER_VENTURE = 3  # on average: each venture draws one less, as many, or one more
FIRST_DAY = datetime.date(2017, 1, 1)  # the year HaKaveret was founded
LAST_DAY = datetime.date(2025, 6, 30)

NOUNS = (
    "גשר", "חוסן", "צמיחה", "עתיד", "מפתח", "אופק", "קשר", "מסלול", "נתיב", "שביל",
    "מעגל", "זרע", "ניצוץ", "מגדלור", "עוגן", "שורשים", "כנפיים", "צעד", "יחד", "מרחב",
    "בית", "קול", "אור", "דרך", "מפה", "רשת", "תנופה", "הזדמנות", "עצמאות", "שותפות",
    "חיבור", "נגישות", "תעסוקה", "ליווי", "למידה", "בריאות", "זיכרון", "תנועה", "מקצוע", "שיח",
)  # fmt: skip
QUALIFIERS = (
    "לתעסוקה", "לעצמאות", "בקהילה", "לגיל השלישי", "לנוער", "לצעירים", "בפריפריה",
    "דיגיטלי", "חכם", "לחוסן נפשי", "למשפחות", "בנגב", "בגליל", "לשיקום", "ללמידה",
    "לבריאות", "לנגישות", "משותף", "פתוח", "לאומי",
)  # fmt: skip
BUSINESS_WORDS = ("טכנולוגיות", "פתרונות", "שירותים", "מערכות", "ייעוץ", "חדשנות")

# How many organisations of each kind, out of 100; the third sector dominates, as in seed 000
# (43,354 registered non-profits in April 2024).
KIND_WEIGHTS: dict[str, int] = {
    OrganisationKind.NGO: 40,
    OrganisationKind.PUBLIC_BENEFIT_COMPANY: 10,
    OrganisationKind.SMB: 10,
    OrganisationKind.CORPORATION: 5,
    OrganisationKind.LOCAL_AUTHORITY: 10,
    OrganisationKind.REGIONAL_CLUSTER: 2,
    OrganisationKind.ACADEMIA: 5,
    OrganisationKind.PHILANTHROPY_FUND: 6,
    OrganisationKind.INVESTOR: 4,
    OrganisationKind.ACCELERATOR: 4,
    OrganisationKind.HOSPITAL: 2,
    OrganisationKind.STATUTORY_BODY: 2,
}
# Registration-number prefixes: 58 for amutot, 51 for companies (public-benefit companies are
# registered as companies too). Public bodies carry no number.
REGISTRATION_PREFIX: dict[str, str] = {
    OrganisationKind.NGO: "58",
    OrganisationKind.PHILANTHROPY_FUND: "58",
    OrganisationKind.ACADEMIA: "58",
    OrganisationKind.PUBLIC_BENEFIT_COMPANY: "51",
    OrganisationKind.SMB: "51",
    OrganisationKind.CORPORATION: "52",
    OrganisationKind.INVESTOR: "51",
    OrganisationKind.ACCELERATOR: "51",
}
MEMBER_TYPE_OF_SECTOR: dict[str, str] = {
    Sector.PUBLIC_CENTRAL: MemberType.PUBLIC_INSTITUTION,
    Sector.PUBLIC_LOCAL: MemberType.PUBLIC_INSTITUTION,
    Sector.THIRD_SECTOR: MemberType.SOCIAL_ORGANISATION,
    Sector.BUSINESS: MemberType.BUSINESS,
    Sector.PHILANTHROPY: MemberType.FUNDER,
    Sector.ACADEMIA: MemberType.ACADEMIA,
}
# What an organisation does for a venture, weighted.
ORG_TO_VENTURE_KINDS: tuple[tuple[str, int], ...] = (
    (RelationKind.PILOT, 25),
    (RelationKind.PARTNERSHIP, 25),
    (RelationKind.MENTORING, 15),
    (RelationKind.FUNDING, 15),
    (RelationKind.SUPPLY, 10),
    (RelationKind.INVESTMENT, 7),
    (RelationKind.FOUNDER, 3),
)
VENTURE_TO_VENTURE_KINDS: tuple[tuple[str, int], ...] = (
    (RelationKind.PARTNERSHIP, 80),
    (RelationKind.SUPPLY, 20),
)
ORG_KINDS = [kind for kind, _ in ORG_TO_VENTURE_KINDS]
ORG_KIND_WEIGHTS = [weight for _, weight in ORG_TO_VENTURE_KINDS]
VENTURE_KINDS = [kind for kind, _ in VENTURE_TO_VENTURE_KINDS]
VENTURE_KIND_WEIGHTS = [weight for _, weight in VENTURE_TO_VENTURE_KINDS]
KIND_LABEL: dict[str, str] = {
    OrganisationKind.NGO: "עמותה",
    OrganisationKind.PUBLIC_BENEFIT_COMPANY: "חברה לתועלת הציבור",
    OrganisationKind.SMB: "עסק קטן ובינוני",
    OrganisationKind.CORPORATION: "תאגיד",
    OrganisationKind.LOCAL_AUTHORITY: "רשות מקומית",
    OrganisationKind.REGIONAL_CLUSTER: "אשכול אזורי",
    OrganisationKind.ACADEMIA: "מוסד אקדמי",
    OrganisationKind.PHILANTHROPY_FUND: "קרן פילנתרופית",
    OrganisationKind.INVESTOR: "משקיע",
    OrganisationKind.ACCELERATOR: "מאיץ",
    OrganisationKind.HOSPITAL: "בית חולים",
    OrganisationKind.STATUTORY_BODY: "תאגיד סטטוטורי",
}
VENTURE_TYPE_LABEL: dict[str, str] = {
    VentureType.SOCIAL_VENTURE: "מיזם חברתי",
    VentureType.IMPACT_STARTUP: "סטארטאפ המקדם אימפקט",
    VentureType.SOCIAL_BUSINESS_VENTURE: "מיזם חברתי-עסקי",
    VentureType.SOCIAL_BUSINESS: "עסק חברתי",
}


@dataclass
class SyntheticResult:
    """How many rows of each sort a synthetic run added, and how long it took."""

    ventures: int = 0
    organisations: int = 0
    people: int = 0
    affiliations: int = 0
    relations: int = 0
    memberships: int = 0
    seconds: float = 0.0


def with_check_digit(body: str) -> str:
    """Append the Israeli check digit to eight digits (weights 1, 2, 1, 2...)."""
    total = 0
    for index, char in enumerate(body):
        product = int(char) * (1 if index % 2 == 0 else 2)
        total += product - 9 if product > 9 else product
    return body + str((10 - total % 10) % 10)


def _insert_child_rows(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows of a multi-table child model whose parent rows already exist.

    Values go through each field's ``get_db_prep_save`` so JSON and choices are stored as the
    ORM would store them, on SQLite and PostgreSQL alike.
    """
    if not rows:
        return
    fields = list(model._meta.local_concrete_fields)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model's metadata, never from input.
    table = quote(str(model._meta.db_table))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    params = [[f.get_db_prep_save(row[f.attname], connection) for f in fields] for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(params), 2000):
            cursor.executemany(sql, params[start : start + 2000])


class _Generator:
    """One synthetic run: the random sources, the vocabularies, and what is taken already."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.faker = Faker("he_IL")
        self.faker.seed_instance(seed)
        self.domains = list(Domain.objects.values_list("pk", "name"))
        self.populations = list(TargetPopulation.objects.values_list("pk", "name"))
        self.technologies = list(Technology.objects.values_list("pk", flat=True))
        self.regions = list(Region.objects.values_list("pk", "name"))
        self.communities = list(Community.objects.order_by("pk").values_list("pk", flat=True))
        self.taken_numbers: set[str] = set(
            Organisation.objects.exclude(registration_number="").values_list(
                "registration_number", flat=True
            )
        )
        self.existing_orgs: list[int] = list(Organisation.objects.values_list("pk", flat=True))
        self.new_orgs: list[int] = []
        self.serial = (Actor.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        self.kinds = list(KIND_WEIGHTS)
        self.kind_weights = list(KIND_WEIGHTS.values())
        self.cities = [self.faker.city() for _ in range(200)]
        self.last_names = [self.faker.last_name() for _ in range(500)]

    # -- small draws -------------------------------------------------------------------

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial - 1

    def date(self) -> datetime.date:
        span = (LAST_DAY - FIRST_DAY).days
        return FIRST_DAY + datetime.timedelta(days=self.rng.randrange(span))

    def some(self, items: Sequence[Any], low: int, high: int) -> list[Any]:
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def registration_number(self, kind: str) -> str:
        prefix = REGISTRATION_PREFIX.get(kind)
        if prefix is None:
            return ""
        while True:
            number = with_check_digit(f"{prefix}{self.rng.randrange(10**6):06d}")
            if number not in self.taken_numbers:
                self.taken_numbers.add(number)
                return number

    def organisation_name(self, kind: str, serial: int) -> str:
        noun, qualifier = self.rng.choice(NOUNS), self.rng.choice(QUALIFIERS)
        city, family = self.rng.choice(self.cities), self.rng.choice(self.last_names)
        names: dict[str, str] = {
            OrganisationKind.NGO: f"עמותת {noun} {qualifier}",
            OrganisationKind.PUBLIC_BENEFIT_COMPANY: f'{noun} {qualifier} (חל"צ)',
            OrganisationKind.SMB: f"{family} {self.rng.choice(BUSINESS_WORDS)}",
            OrganisationKind.CORPORATION: f"קבוצת {family}",
            OrganisationKind.LOCAL_AUTHORITY: f"עיריית {city}",
            OrganisationKind.REGIONAL_CLUSTER: f"אשכול רשויות {city}",
            OrganisationKind.ACADEMIA: f"המכללה האקדמית {city}",
            OrganisationKind.PHILANTHROPY_FUND: f"קרן משפחת {family}",
            OrganisationKind.INVESTOR: f"{family} השקעות אימפקט",
            OrganisationKind.ACCELERATOR: f"מאיץ {noun} {city}",
            OrganisationKind.HOSPITAL: f"המרכז הרפואי {city}",
            OrganisationKind.STATUTORY_BODY: f"הרשות ל{noun} {qualifier}",
        }
        return f"{names[kind]} {serial}"

    # -- rows --------------------------------------------------------------------------

    def actor(self, actor_type: str, name: str, description: str) -> Actor:
        return Actor(
            actor_type=actor_type,
            name=name,
            description=description,
            is_public=self.rng.random() < 0.95,
            search_text=search_document(name),
        )

    def organisation(self) -> tuple[Actor, dict[str, Any]]:
        kind = self.rng.choices(self.kinds, self.kind_weights)[0]
        domain = self.rng.choice(self.domains)
        region = self.rng.choice(self.regions)
        name = self.organisation_name(kind, self.next_serial())
        description = f"{KIND_LABEL[kind]} · תחום: {domain[1]} · אזור: {region[1]}"
        languages = ["he", *self.some(["ar", "en", "ru", "am"], 0, 2)]
        row = {
            "kind": kind,
            "sector": sector_for_kind(kind),
            "registration_number": self.registration_number(kind),
            "languages": languages,
            "_domains": [domain[0]],
            "_regions": [region[0]],
        }
        return self.actor(ActorType.ORGANISATION, name, description), row

    def venture(self) -> tuple[Actor, dict[str, Any]]:
        venture_type = self.rng.choice(VentureType.values)
        domains = self.some(self.domains, 1, 3)
        populations = self.some(self.populations, 1, 2)
        regions = self.some(self.regions, 1, 2)
        name = f"מיזם {self.rng.choice(NOUNS)} {self.rng.choice(QUALIFIERS)} {self.next_serial()}"
        description = (
            f"{VENTURE_TYPE_LABEL[venture_type]} בתחום {domains[0][1]} עבור "
            f"{populations[0][1]}, הפועל באזור {regions[0][1]}."
        )
        row = {
            "venture_type": venture_type,
            "stage": self.rng.choice(VentureStage.values),
            "origin": self.rng.choice(VentureOrigin.values),
            "founded_year": self.rng.randint(2012, 2025),
            "_domains": [d[0] for d in domains],
            "_populations": [p[0] for p in populations],
            "_regions": [r[0] for r in regions],
            "_technologies": self.some(self.technologies, 0, 2),
            "founders_society": self.rng.choice(FoundersSociety.values),
        }
        return self.actor(ActorType.VENTURE, name, description), row

    def partner_org(self) -> int | None:
        """An organisation to tie a venture to, or None if there is none at all."""
        # Most ties stay among generated actors; some reach the organisations already there
        # (the real demo ones first of all), so the map's real hubs gain edges too.
        if self.existing_orgs and (not self.new_orgs or self.rng.random() < 0.3):
            return self.rng.choice(self.existing_orgs)
        return self.rng.choice(self.new_orgs) if self.new_orgs else None

    def relation(self, source: int, target: int, kind: str) -> Relation:
        started_on = self.date()
        relation = Relation(source_id=source, target_id=target, kind=kind, started_on=started_on)
        if self.rng.random() < 0.1:
            relation.ended_on = started_on + datetime.timedelta(days=self.rng.randint(30, 900))
        if kind == RelationKind.PARTNERSHIP:
            level = self.rng.choice(PartnershipLevel.values)
            relation.level = level
            # The five factors move with the level (closer partnerships score higher), with
            # some spread: seed 001 places a partnership on the continuum by these factors.
            for name in ("proximity", "contribution", "added_value", "investment_capacity"):
                setattr(relation, name, min(5, max(1, level + self.rng.randint(-1, 1))))
            relation.power_gaps = self.rng.randint(1, 5)
        return relation


def _attach_m2m(actor_ids: Sequence[int], rows: Sequence[dict[str, Any]]) -> None:
    """Tag the new actors with their domains, populations, regions and technologies."""
    domain_through = Actor.domains.through
    population_through = Actor.target_populations.through
    region_through = Actor.regions.through
    technology_through = Venture.technologies.through
    domain_rows: list[Any] = []
    population_rows: list[Any] = []
    region_rows: list[Any] = []
    technology_rows: list[Any] = []
    for actor_id, row in zip(actor_ids, rows, strict=True):
        domain_rows += [domain_through(actor_id=actor_id, domain_id=d) for d in row["_domains"]]
        population_rows += [
            population_through(actor_id=actor_id, targetpopulation_id=p)
            for p in row.get("_populations", ())
        ]
        region_rows += [region_through(actor_id=actor_id, region_id=r) for r in row["_regions"]]
        technology_rows += [
            technology_through(venture_id=actor_id, technology_id=t)
            for t in row.get("_technologies", ())
        ]
    domain_through.objects.bulk_create(domain_rows, batch_size=2000)
    population_through.objects.bulk_create(population_rows, batch_size=2000)
    region_through.objects.bulk_create(region_rows, batch_size=2000)
    technology_through.objects.bulk_create(technology_rows, batch_size=2000)


def _child_rows(actor_ids: Sequence[int], rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"actor_ptr_id": actor_id, **{k: v for k, v in row.items() if not k.startswith("_")}}
        for actor_id, row in zip(actor_ids, rows, strict=True)
    ]


def _write_chunk(
    gen: _Generator,
    ventures: int,
    organisations: int,
    result: SyntheticResult,
    relations_per_venture: int = RELATIONS_PER_VENTURE,
) -> None:
    rng = gen.rng
    new_orgs = [gen.organisation() for _ in range(organisations)]
    new_ventures = [gen.venture() for _ in range(ventures)]
    org_rows = [row for _, row in new_orgs]
    ven_rows = [row for _, row in new_ventures]
    created = Actor.objects.bulk_create(
        [actor for actor, _ in (*new_orgs, *new_ventures)], batch_size=2000
    )
    ids = [actor.pk for actor in created]
    org_ids, venture_ids = ids[:organisations], ids[organisations:]
    _insert_child_rows(Organisation, _child_rows(org_ids, org_rows))
    _insert_child_rows(Venture, _child_rows(venture_ids, ven_rows))
    _attach_m2m(ids, [*org_rows, *ven_rows])
    gen.new_orgs.extend(org_ids)

    # Relations: about ``relations_per_venture`` per venture, never to itself, never two
    # active ones of the same kind between the same two actors (in either direction).
    relations: list[Relation] = []
    seen: set[tuple[int, int, str]] = set()
    for venture_id in venture_ids:
        spread = (relations_per_venture - 1, relations_per_venture, relations_per_venture + 1)
        for _ in range(rng.choice(spread)):
            for _attempt in range(5):
                organisation = gen.partner_org() if rng.random() < 0.75 else None
                if organisation is not None:
                    kind = rng.choices(ORG_KINDS, ORG_KIND_WEIGHTS)[0]
                    source, target = organisation, venture_id
                else:
                    kind = rng.choices(VENTURE_KINDS, VENTURE_KIND_WEIGHTS)[0]
                    source, target = venture_id, rng.choice(venture_ids)
                key = (min(source, target), max(source, target), kind)
                if source != target and key not in seen:
                    seen.add(key)
                    relations.append(gen.relation(source, target, kind))
                    break
    Relation.objects.bulk_create(relations, batch_size=2000)

    # People: about one per venture; most are a venture's founder, some also work at an
    # organisation. Synthetic people get no contact details.
    people = [
        Person(
            full_name=f"{gen.faker.first_name()} {rng.choice(gen.last_names)}",
            language=rng.choices(
                [Language.HEBREW, Language.ARABIC, Language.ENGLISH, Language.RUSSIAN],
                [80, 12, 4, 4],
            )[0],
            consent_directory=rng.random() < 0.7,
            consent_contact=rng.random() < 0.5,
        )
        for _ in venture_ids
    ]
    people = Person.objects.bulk_create(people, batch_size=2000)
    affiliations: list[Affiliation] = []
    for person, venture_id in zip(people, venture_ids, strict=True):
        affiliations.append(
            Affiliation(person=person, actor_id=venture_id, title="מייסד/ת", is_founder=True)
        )
        organisation = gen.partner_org() if rng.random() < 0.2 else None
        if organisation is not None:
            affiliations.append(Affiliation(person=person, actor_id=organisation, title="יועץ/ת"))
    Affiliation.objects.bulk_create(affiliations, batch_size=2000)

    # Memberships in the demo communities: entrepreneurs, organisations by their sector,
    # and some people in their own name.
    memberships: list[Membership] = []
    if gen.communities:
        for venture_id in venture_ids:
            if rng.random() < 0.6:
                for community in gen.some(gen.communities, 1, 2):
                    memberships.append(
                        Membership(
                            community_id=community,
                            actor_id=venture_id,
                            member_type=MemberType.ENTREPRENEUR,
                            joined_on=gen.date(),
                        )
                    )
        for org_id, row in zip(org_ids, org_rows, strict=True):
            if rng.random() < 0.5:
                memberships.append(
                    Membership(
                        community_id=rng.choice(gen.communities),
                        actor_id=org_id,
                        member_type=MEMBER_TYPE_OF_SECTOR[row["sector"]],
                        joined_on=gen.date(),
                    )
                )
        for person in people:
            if rng.random() < 0.15:
                memberships.append(
                    Membership(
                        community_id=rng.choice(gen.communities),
                        person=person,
                        member_type=MemberType.NEED_EXPERT,
                        joined_on=gen.date(),
                    )
                )
        Membership.objects.bulk_create(memberships, batch_size=2000)

    result.ventures += len(venture_ids)
    result.organisations += len(org_ids)
    result.people += len(people)
    result.affiliations += len(affiliations)
    result.relations += len(relations)
    result.memberships += len(memberships)


def load_synthetic(
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    chunk_size: int = CHUNK_SIZE,
    relations_per_venture: int = RELATIONS_PER_VENTURE,
    progress: Callable[[str], None] | None = None,
) -> SyntheticResult:
    """Add ``count`` generated ventures, about ``count / 5`` organisations, ``count`` people,
    about ``relations_per_venture`` relations per venture (three by default) and memberships
    in the existing communities.

    Each chunk of ``chunk_size`` ventures is written in its own transaction, so a long run
    reports progress and keeps what it finished if stopped.
    """
    started = time.monotonic()
    result = SyntheticResult()
    gen = _Generator(seed)
    organisations_total = round(count * ORGANISATIONS_PER_VENTURE)
    done = 0
    while done < count:
        ventures = min(chunk_size, count - done)
        # Spread the organisations over the chunks in proportion, so the last chunk does not
        # carry all of the remainder.
        organisations = round(organisations_total * (done + ventures) / count) - round(
            organisations_total * done / count
        )
        with transaction.atomic():
            _write_chunk(gen, ventures, organisations, result, relations_per_venture)
        done += ventures
        if progress is not None:
            progress(f"  {done:,}/{count:,} ventures ({time.monotonic() - started:.1f}s)")
    announce_ecosystem_changed()
    result.seconds = time.monotonic() - started
    return result
