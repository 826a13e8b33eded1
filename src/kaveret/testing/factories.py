"""factory_boy factories for every model; tests arrange with these, never with fixtures."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from openpyxl import Workbook

from kaveret.accounts.models import ApiToken, Role, RoleAssignment, User
from kaveret.accounts.services import (
    API_KEY_PREFIX,
    DISPLAYED_KEY_LENGTH,
    hash_api_key,
    mark_email_verified,
)
from kaveret.communities.models import (
    Community,
    Event,
    EventKind,
    EventRegistration,
    Membership,
    MemberType,
    RegistrationStatus,
)
from kaveret.core.text import search_document
from kaveret.ecosystem.choices import (
    OrganisationKind,
    RelationKind,
    VentureStage,
    VentureType,
    sector_for_kind,
)
from kaveret.ecosystem.models import (
    Affiliation,
    Domain,
    Organisation,
    Person,
    Region,
    Relation,
    TargetPopulation,
    Technology,
    Venture,
)


def valid_registration_number(seed: int) -> str:
    """A nine-digit number whose Israeli check digit is right, starting 58 (an amuta)."""
    body = f"58{seed % 10**6:06d}"
    total = 0
    for index, char in enumerate(body):
        product = int(char) * (1 if index % 2 == 0 else 2)
        total += product - 9 if product > 9 else product
    return body + str((10 - total % 10) % 10)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="he_IL")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.PLATFORM_ADMIN


class TaxonomyFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"תחום {n}")
    name_en = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")


class DomainFactory(TaxonomyFactory):
    class Meta:
        model = Domain
        django_get_or_create = ("slug",)


class TargetPopulationFactory(TaxonomyFactory):
    class Meta:
        model = TargetPopulation
        django_get_or_create = ("slug",)


class TechnologyFactory(TaxonomyFactory):
    class Meta:
        model = Technology
        django_get_or_create = ("slug",)


class RegionFactory(TaxonomyFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)


class ActorFactoryMixin(DjangoModelFactory):
    is_public = True
    search_text = factory.LazyAttribute(lambda o: search_document(o.name, o.name_en, o.name_ar))
    name_en = ""
    name_ar = ""


class OrganisationFactory(ActorFactoryMixin):
    class Meta:
        model = Organisation

    actor_type = "organisation"
    name = factory.Sequence(lambda n: f"עמותת עתיד {n}")
    kind = OrganisationKind.NGO
    sector = factory.LazyAttribute(lambda o: sector_for_kind(o.kind))
    registration_number = factory.Sequence(valid_registration_number)


class VentureFactory(ActorFactoryMixin):
    class Meta:
        model = Venture

    actor_type = "venture"
    name = factory.Sequence(lambda n: f"מיזם {n}")
    venture_type = VentureType.SOCIAL_VENTURE
    stage = VentureStage.PROBLEM_SOLUTION_FIT


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name", locale="he_IL")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = factory.Sequence(lambda n: f"050-{n:07d}")


class AffiliationFactory(DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    actor = factory.SubFactory(OrganisationFactory)
    title = "מנהלת"


class RelationFactory(DjangoModelFactory):
    class Meta:
        model = Relation

    source = factory.SubFactory(OrganisationFactory)
    target = factory.SubFactory(VentureFactory)
    kind = RelationKind.PILOT


class CommunityFactory(DjangoModelFactory):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"קהילה {n}")
    name_en = factory.Sequence(lambda n: f"Community {n}")
    slug = factory.Sequence(lambda n: f"community-{n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    actor = factory.SubFactory(VentureFactory)
    member_type = MemberType.ENTREPRENEUR


class ApiTokenFactory(DjangoModelFactory[ApiToken]):
    """A live token; pass ``key=`` to know the bearer key (only its hash is stored)."""

    class Meta:
        model = ApiToken

    class Params:
        key = factory.Sequence(lambda n: f"{API_KEY_PREFIX}test-key-{n:04d}")

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"integration {n}")
    key_prefix = factory.LazyAttribute(lambda o: o.key[:DISPLAYED_KEY_LENGTH])
    key_hash = factory.LazyAttribute(lambda o: hash_api_key(o.key))


# Import files, built in memory: CSV in any encoding, and .xlsx workbooks.


def csv_file(rows: list[list[Any]], *, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_file(rows: list[list[Any]], *, cached: dict[str, str] | None = None) -> bytes:
    """A workbook of the rows; ``cached`` gives formula cells (by address) a saved value.

    openpyxl never computes formulas, so a value Excel would have saved is written into
    the sheet's XML by hand, as Excel does.
    """
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not cached:
        return buffer.getvalue()
    return _with_cached_values(buffer.getvalue(), cached)


def _with_cached_values(data: bytes, cached: dict[str, str]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                text = content.decode("utf-8")
                for address, value in cached.items():
                    text = re.sub(
                        rf'(<c r="{address}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?',
                        rf"\1\2<v>{value}</v>",
                        text,
                    )
                    text = text.replace(f'<c r="{address}" t="str">', f'<c r="{address}">')
                content = text.encode("utf-8")
            target.writestr(entry, content)
    return output.getvalue()


# Events of communities


class EventFactory(DjangoModelFactory):
    """A published meetup of a community, a week from now, two hours long, ten seats."""

    class Meta:
        model = Event

    community = factory.SubFactory(CommunityFactory)
    kind = EventKind.MEETUP
    title = factory.Sequence(lambda n: f"מפגש {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "בית הכוורת, תל אביב"
    capacity = 10
    is_published = True


class EventRegistrationFactory(DjangoModelFactory):
    class Meta:
        model = EventRegistration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.REGISTERED
    queued_at = factory.LazyFunction(timezone.now)


def verify_email(user: Any) -> Any:
    """Mark the user's address as confirmed (allauth), as the sign-up e-mail's link does."""
    mark_email_verified(user)
    return user
