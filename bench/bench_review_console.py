"""The review console and the ranking API on a large call, as its staff see them.

Steps: build (or reuse) a scratch SQLite database under var/bench/ (``migrate``, then a
call bulk-created in a child process: ``--review-applications`` applications, each with
three submitted reviews spread over ``--review-reviewers`` reviewers, six criteria, so by
default 2,000 applications, 6,000 reviews and 36,000 scores); ``collectstatic``; then, in
a child process with the production settings (``bench_settings``, DEBUG off) on that file,
request the console (raw and normalised) and the ranking API (raw and normalised) through
Django's test client, in-process, as a platform admin: one warm-up, then
``--review-requests`` timed requests each. Reports p50/p95/max milliseconds, the number of
queries of one request, the response size; writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench_directory import (
    RESULTS_DIR,
    ROOT,
    VAR_DIR,
    bench_env,
    connect,
    git_revision,
    manage,
    percentile,
    remove_database,
)

SLUG = "bench-review-console"
CRITERIA = 6
REVIEWS_PER_APPLICATION = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("review console benchmark")
    group.add_argument(
        "--review-applications", type=int, default=2_000, help="applications (default 2,000)"
    )
    group.add_argument(
        "--review-reviewers", type=int, default=60, help="reviewers of the call (default 60)"
    )
    group.add_argument(
        "--review-requests", type=int, default=7, help="timed requests per scenario (7)"
    )


def _applications(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        with contextlib.closing(connect(db_path)) as db:
            row = db.execute(
                "SELECT COUNT(*) FROM calls_application a JOIN calls_call c ON a.call_id = c.id "
                "WHERE c.slug = ?",
                (SLUG,),
            ).fetchone()
            return int(row[0])
    except sqlite3.Error:
        return 0


# --- The child process: Django set up on the scratch database ---------------------------


def build(applications: int, reviewers: int) -> dict[str, Any]:
    """Bulk-create the call, its rubric, applicants, reviewers, reviews and scores."""
    import random
    from decimal import Decimal

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from kaveret.accounts.models import Role, RoleAssignment
    from kaveret.calls.models import (
        ApplicantKind,
        Application,
        ApplicationStatus,
        Call,
        FormVersion,
        Mechanism,
        Review,
        ReviewScore,
        ReviewStatus,
        RubricCriterion,
    )
    from kaveret.ecosystem.models import Person

    started = time.perf_counter()
    random.seed(5)
    User = get_user_model()
    now = timezone.now()
    with transaction.atomic():
        admin = User.objects.create_user(email="bench-admin@example.org", password=None)
        RoleAssignment.objects.create(user=admin, role=Role.PLATFORM_ADMIN)
        call = Call.objects.create(
            slug=SLUG,
            title="קול קורא למדידה",
            mechanism=Mechanism.CALL_FOR_PROPOSALS,
            opens_at=now - timezone.timedelta(days=60),
            deadline=now - timezone.timedelta(days=30),
            budget=Decimal("10000000"),
            reviews_per_application=REVIEWS_PER_APPLICATION,
            is_published=True,
            published_at=now,
        )
        version = FormVersion.objects.create(call=call, number=1, frozen_at=now)
        criteria = RubricCriterion.objects.bulk_create(
            [
                RubricCriterion(
                    call=call, order=i, name=f"קריטריון {i + 1}", weight=Decimal(1 + i % 3)
                )
                for i in range(CRITERIA)
            ]
        )
        users = User.objects.bulk_create(
            [
                User(email=f"bench-reviewer-{i}@example.org", full_name=f"שופט/ת {i + 1}")
                for i in range(reviewers)
            ]
        )
        call.reviewers.add(*users)
        people = Person.objects.bulk_create(
            [Person(full_name=f"מגיש/ה {i + 1}") for i in range(applications)]
        )
        apps = Application.objects.bulk_create(
            [
                Application(
                    call=call,
                    form_version=version,
                    applicant_kind=ApplicantKind.PERSON,
                    person=person,
                    created_by=admin,
                    status=ApplicationStatus.UNDER_REVIEW,
                    answers={"pitch": "מיזם"},
                    submitted_at=now - timezone.timedelta(days=31),
                )
                for person in people
            ],
            batch_size=500,
        )
        step = max(1, reviewers // REVIEWS_PER_APPLICATION)
        reviews = Review.objects.bulk_create(
            [
                Review(
                    application=app,
                    reviewer=users[(index + k * step) % reviewers],
                    status=ReviewStatus.SUBMITTED,
                    recommendation="accept",
                    submitted_at=now,
                )
                for index, app in enumerate(apps)
                for k in range(REVIEWS_PER_APPLICATION)
            ],
            batch_size=1000,
        )
        ReviewScore.objects.bulk_create(
            [
                ReviewScore(review=review, criterion=criterion, score=random.randint(1, 5))
                for review in reviews
                for criterion in criteria
            ],
            batch_size=2000,
        )
    return {
        "applications": len(apps),
        "reviewers": len(users),
        "reviews": len(reviews),
        "scores": len(reviews) * len(criteria),
        "build_seconds": round(time.perf_counter() - started, 1),
    }


def probe(requests: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    admin = get_user_model().objects.get(email="bench-admin@example.org")
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(admin)
    scenarios = {
        "console": f"/en/calls/{SLUG}/console/",
        "console_normalised": f"/en/calls/{SLUG}/console/?normalise=1",
        "ranking_api": f"/api/v1/calls/{SLUG}/ranking",
        "ranking_api_normalised": f"/api/v1/calls/{SLUG}/ranking?normalise=1",
    }
    results: dict[str, Any] = {}
    for name, path in scenarios.items():
        executed: list[str] = []

        def count(
            execute: Any, sql: str, params: Any, many: bool, context: Any, log: Any = executed
        ) -> Any:
            log.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(path)  # warm-up, and the query count
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        times: list[float] = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        results[name] = {
            "path": path,
            "queries": len(executed),
            "requests": requests,
            "p50_ms": round(percentile(times, 0.50), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(times[-1], 1),
            "bytes": len(response.content),
        }
    return results


# --- Run -------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    size, reviewers = args.review_applications, args.review_reviewers
    db_path = VAR_DIR / f"review-console-{size}-r{reviewers}.sqlite3"
    env = bench_env(db_path, VAR_DIR / "static")
    database: dict[str, Any] = {"reused": True}
    if args.rebuild or _applications(db_path) < size:
        print(f"Building {db_path.relative_to(ROOT)}", flush=True)
        remove_database(db_path)
        manage(env, "migrate", "--noinput", "-v0")
        completed = subprocess.run(
            [sys.executable, __file__, "--build", str(size), str(reviewers)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            print(completed.stderr, file=sys.stderr)
            return 1
        database = {"reused": False, **json.loads(completed.stdout.strip().splitlines()[-1])}
    else:
        print(f"Reusing {db_path.relative_to(ROOT)}", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    print(f"  timing the console and the ranking API ({args.review_requests} requests each)")
    completed = subprocess.run(
        [sys.executable, __file__, "--probe", str(args.review_requests)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        print(completed.stderr, file=sys.stderr)
        return 1
    measured = json.loads(completed.stdout.strip().splitlines()[-1])
    report = {
        "benchmark": "review_console",
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": git_revision(),
        "machine": {
            "cores": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
        "database": {"path": str(db_path.relative_to(ROOT)), **database},
        "data": {
            "applications": size,
            "reviewers": reviewers,
            "reviews": size * REVIEWS_PER_APPLICATION,
            "criteria": CRITERIA,
        },
        "method": "in-process Django test client, production settings (DEBUG off), SQLite",
        "scenarios": measured,
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    for path in (
        RESULTS_DIR / f"review-console-{stamp}.json",
        RESULTS_DIR / "latest-review-console.json",
    ):
        path.write_text(text, encoding="utf-8")
    print(
        f"\nReview console benchmark: {size:,} applications, {size * REVIEWS_PER_APPLICATION:,}"
        f" reviews, {reviewers} reviewers, {CRITERIA} criteria"
    )
    for name, result in measured.items():
        print(
            f"  {name:24} {result['queries']:3} queries  p50 {result['p50_ms']:8.1f} ms  "
            f"p95 {result['p95_ms']:8.1f} ms  {result['bytes'] / 1024:8.0f} KiB"
        )
    print(f"\nWrote bench/results/review-console-{stamp}.json and latest-review-console.json")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--build":
        print(json.dumps(build(int(sys.argv[2]), int(sys.argv[3]))))
    elif sys.argv[1] == "--probe":
        print(json.dumps(probe(int(sys.argv[2]))))
