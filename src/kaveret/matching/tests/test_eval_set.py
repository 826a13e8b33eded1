"""The labelled set the search-quality benchmark reads is well-formed and names real demo data."""

from __future__ import annotations

import json
from pathlib import Path

from kaveret.calls.demo import CALLS
from kaveret.challenges.demo import COMMUNITY_CHALLENGES, SYSTEM_CHALLENGES
from kaveret.ecosystem.demo.actors import VENTURES
from kaveret.ecosystem.demo.network import COMMUNITIES

EVAL_SET = Path(__file__).resolve().parents[4] / "bench" / "eval" / "matching_eval.json"

SLUGS = {
    "community": {spec.slug for spec in COMMUNITIES},
    "challenge": {spec.slug for spec in (*SYSTEM_CHALLENGES, *COMMUNITY_CHALLENGES)},
    "call": {spec.slug for spec in CALLS},
}
VENTURE_NAMES = {spec.key for spec in VENTURES} | {
    applicant.venture for call in CALLS for applicant in call.applicants
}


def load() -> dict:
    return json.loads(EVAL_SET.read_text(encoding="utf-8"))


def test_the_set_is_large_enough_and_covers_three_languages() -> None:
    data = load()
    assert len(data["routing"]) >= 40
    assert len(data["scouting"]) >= 10
    languages = {case["language"] for case in data["routing"] if "query" in case}
    assert {"he", "en", "ar"} <= languages
    ids = [case["id"] for case in (*data["routing"], *data["scouting"])]
    assert len(ids) == len(set(ids))


def test_every_routing_case_names_a_demo_venture_or_text_and_real_targets() -> None:
    for case in load()["routing"]:
        assert ("venture" in case) != ("query" in case), case["id"]
        if "venture" in case:
            assert case["venture"] in VENTURE_NAMES, case["id"]
        else:
            assert case["query"].strip(), case["id"]
        assert len(case["kinds"]) == 1 and case["kinds"][0] in SLUGS, case["id"]
        assert case["expected"], case["id"]
        for slug in case["expected"]:
            assert slug in SLUGS[case["kinds"][0]], (case["id"], slug)
        assert case["source"] and case["why"], case["id"]


def test_every_scouting_case_names_real_ventures_with_grades() -> None:
    for case in load()["scouting"]:
        if "challenge" in case:
            assert case["challenge"] in SLUGS["challenge"], case["id"]
        else:
            assert case["query"].strip() and case["language"] in {"he", "en", "ar"}
        assert case["relevant"], case["id"]
        for venture, grade in case["relevant"].items():
            assert venture in VENTURE_NAMES, (case["id"], venture)
            assert grade in (1, 2, 3), (case["id"], venture)
        assert case["source"] and case["why"], case["id"]
