"""API schemas: search."""

from __future__ import annotations

from ninja import Field, Schema

from kaveret.ecosystem.schemas import PageQuery

from .models import DocumentKind


class SearchQuery(PageQuery):
    q: str = Field(
        ...,
        min_length=1,
        max_length=300,
        description=(
            "Words to find, in Hebrew, English or Arabic. Hebrew prefixes (ו ה ב ל מ ש כ) are "
            "understood; the meaning is searched too, across languages."
        ),
    )
    kind: DocumentKind | None = Field(None, description="Only this kind of object.")
    domain: str = Field("", description="Slug of a domain.")
    population: str = Field("", description="Slug of a target population.")
    community: str = Field("", description="Slug of a community.")
    stage: str = Field("", description="A venture stage (idea, problem_solution_fit, ...).")
    mode: str = Field(
        "hybrid",
        pattern="^(hybrid|lexical|semantic)$",
        description="hybrid (default), lexical (words only) or semantic (meaning only).",
    )


class SearchHitOut(Schema):
    kind: str
    kind_label: str
    object_id: int
    title: str
    url: str
    score: float = Field(description="The fused score; higher is better.")
    lexical_score: float = Field(description="BM25 score of the words (0 when none matched).")
    semantic_score: float = Field(description="Cosine similarity of the meanings.")
    lexical_rank: int | None
    semantic_rank: int | None
    matched_terms: list[str] = Field(description="Words of the object, as written, that matched.")
    snippet: str = Field(description="Plain text around the best matching passage.")


class SearchPage(Schema):
    count: int = Field(description="How many objects you may see match, on all pages.")
    limit: int
    offset: int
    items: list[SearchHitOut]
