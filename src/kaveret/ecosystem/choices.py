"""The fixed lists of the ecosystem, from DESIGN.md and seeds 000 and 001."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PUBLIC_CENTRAL = "public_central", _("Public sector: central government")
    PUBLIC_LOCAL = "public_local", _("Public sector: local government")
    THIRD_SECTOR = "third_sector", _("Third sector")
    BUSINESS = "business", _("Business")
    PHILANTHROPY = "philanthropy", _("Philanthropy")
    ACADEMIA = "academia", _("Academia")


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Government ministry")
    STATUTORY_BODY = "statutory_body", _("Statutory body")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    REGIONAL_CLUSTER = "regional_cluster", _("Regional cluster")
    NGO = "ngo", _("NGO (amuta)")
    PUBLIC_BENEFIT_COMPANY = "public_benefit_company", _("Public-benefit company")
    CORPORATION = "corporation", _("Corporation")
    SMB = "smb", _("Small or medium business")
    ACADEMIA = "academia", _("Academic institution")
    PHILANTHROPY_FUND = "philanthropy_fund", _("Philanthropy fund")
    INVESTOR = "investor", _("Investor")
    ACCELERATOR = "accelerator", _("Accelerator or incubator")
    HMO = "hmo", _("Health maintenance organisation (kupat holim)")
    HOSPITAL = "hospital", _("Hospital")
    NATIONAL_INSURANCE = "national_insurance", _("National Insurance Institute")
    JDC = "jdc", _("JDC")
    BACKBONE = "backbone", _("Backbone organisation")


SECTOR_OF_KIND: dict[str, str] = {
    OrganisationKind.MINISTRY: Sector.PUBLIC_CENTRAL,
    OrganisationKind.STATUTORY_BODY: Sector.PUBLIC_CENTRAL,
    OrganisationKind.NATIONAL_INSURANCE: Sector.PUBLIC_CENTRAL,
    OrganisationKind.HMO: Sector.PUBLIC_CENTRAL,
    OrganisationKind.HOSPITAL: Sector.PUBLIC_CENTRAL,
    OrganisationKind.LOCAL_AUTHORITY: Sector.PUBLIC_LOCAL,
    OrganisationKind.REGIONAL_CLUSTER: Sector.PUBLIC_LOCAL,
    OrganisationKind.NGO: Sector.THIRD_SECTOR,
    OrganisationKind.PUBLIC_BENEFIT_COMPANY: Sector.THIRD_SECTOR,
    OrganisationKind.BACKBONE: Sector.THIRD_SECTOR,
    OrganisationKind.CORPORATION: Sector.BUSINESS,
    OrganisationKind.SMB: Sector.BUSINESS,
    OrganisationKind.INVESTOR: Sector.BUSINESS,
    OrganisationKind.ACCELERATOR: Sector.BUSINESS,
    OrganisationKind.ACADEMIA: Sector.ACADEMIA,
    OrganisationKind.PHILANTHROPY_FUND: Sector.PHILANTHROPY,
    OrganisationKind.JDC: Sector.PHILANTHROPY,
}


def sector_for_kind(kind: str) -> str:
    """The sector an organisation of this kind belongs to."""
    return SECTOR_OF_KIND[kind]


class VentureType(models.TextChoices):
    """The four venture types of seed 001, from the value line to the profit line."""

    SOCIAL_VENTURE = "social_venture", _("Social venture")
    IMPACT_STARTUP = "impact_startup", _("Impact startup")
    SOCIAL_BUSINESS_VENTURE = "social_business_venture", _("Social-business venture")
    SOCIAL_BUSINESS = "social_business", _("Social business")


class VentureStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROBLEM_SOLUTION_FIT = "problem_solution_fit", _("Problem/solution fit")
    PRODUCT_MARKET_FIT = "product_market_fit", _("Product/market fit")
    SCALE = "scale", _("Scale")


class FoundersSociety(models.TextChoices):
    """Which part of Israeli society a venture's founders come from, as calls target it
    (seed 000: "Employment builds resilience" for entrepreneurs from Arab society)."""

    UNSPECIFIED = "", _("Not stated")
    GENERAL = "general", _("General population")
    ARAB = "arab", _("Arab society")
    HAREDI = "haredi", _("Ultra-Orthodox (Haredi) society")
    ETHIOPIAN_ISRAELI = "ethiopian_israeli", _("Ethiopian-Israeli community")
    DRUZE = "druze", _("Druze society")
    BEDOUIN = "bedouin", _("Bedouin society")
    PEOPLE_WITH_DISABILITIES = "people_with_disabilities", _("People with disabilities")
    MIXED = "mixed", _("Mixed team")


class VentureOrigin(models.TextChoices):
    """Where a venture came from: the entrepreneurs stream."""

    ACCELERATOR_COHORT = "accelerator_cohort", _("Accelerator cohort")
    CALL = "call", _("Call for proposals")
    COMMUNITY = "community", _("Community")
    DIRECT = "direct", _("Direct")


class ActorType(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    VENTURE = "venture", _("Venture")


class RelationKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership")
    FUNDING = "funding", _("Funding")
    MEMBERSHIP = "membership", _("Membership")
    FOUNDER = "founder", _("Founder")
    INVESTMENT = "investment", _("Investment")
    PILOT = "pilot", _("Pilot")
    MENTORING = "mentoring", _("Mentoring")
    SUPPLY = "supply", _("Supply")


class PartnershipLevel(models.IntegerChoices):
    """The partnership continuum of seed 001, from the loosest to the closest."""

    SHARING = 1, _("Sharing")
    PARTICIPATION = 2, _("Participation")
    FOCUSED = 3, _("Focused")
    ONGOING = 4, _("Ongoing")
    STRATEGIC = 5, _("Strategic")


class FactorScore(models.IntegerChoices):
    VERY_LOW = 1, _("Very low")
    LOW = 2, _("Low")
    MEDIUM = 3, _("Medium")
    HIGH = 4, _("High")
    VERY_HIGH = 5, _("Very high")


# The five factors that place a partnership on the continuum (seed 001).
PARTNERSHIP_FACTOR_FIELDS: tuple[str, ...] = (
    "proximity",
    "contribution",
    "added_value",
    "power_gaps",
    "investment_capacity",
)
