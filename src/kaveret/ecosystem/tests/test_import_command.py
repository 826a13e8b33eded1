"""``manage.py import_ecosystem``: the report, the dry run, the progress bar, refusals."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from kaveret.ecosystem.models import Organisation, Venture
from kaveret.testing.factories import csv_file, xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def run(*args: Any) -> str:
    out = io.StringIO()
    call_command("import_ecosystem", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def organisations_csv(tmp_path: Path) -> Path:
    path = tmp_path / "organisations.csv"
    path.write_bytes(csv_file([["שם", "סוג"], ["עמותת הגשר", "ngo"], ["עמותה שבורה", "spaceship"]]))
    return path


def test_a_dry_run_prints_the_report_and_writes_nothing(organisations_csv: Path) -> None:
    output = run(str(organisations_csv), "--kind", "organisations", "--dry-run")

    assert "עמותת הגשר" in output
    assert "“spaceship” is not a kind of organisation" in output
    assert "Dry run: nothing was written." in output
    assert not Organisation.objects.exists()


def test_yes_applies_with_a_progress_bar(organisations_csv: Path) -> None:
    output = run(str(organisations_csv), "--kind", "organisations", "--yes")

    assert "[##############################] 2/2" in output
    assert "Imported: 1 created, 0 updated, 0 unchanged, 1 refused." in output
    assert list(Organisation.objects.values_list("name", flat=True)) == ["עמותת הגשר"]


def test_running_it_again_changes_nothing(organisations_csv: Path) -> None:
    run(str(organisations_csv), "--kind", "organisations", "--yes")

    output = run(str(organisations_csv), "--kind", "organisations", "--yes")

    assert "Nothing to write." in output
    assert Organisation.objects.count() == 1


def test_without_a_terminal_it_asks_for_yes_and_writes_nothing(
    organisations_csv: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    with pytest.raises(CommandError, match="add --yes"):
        run(str(organisations_csv), "--kind", "organisations")

    assert not Organisation.objects.exists()


def test_an_excel_file_of_ventures_is_imported(tmp_path: Path) -> None:
    path = tmp_path / "ventures.xlsx"
    path.write_bytes(
        xlsx_file([["name", "venture_type", "stage"], ["מיזם", "social_venture", "idea"]])
    )

    run(str(path), "--kind", "ventures", "--yes")

    assert Venture.objects.filter(name="מיזם").exists()


def test_a_bad_file_is_refused_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")

    with pytest.raises(CommandError, match=r"Only CSV \(.csv\) and Excel"):
        run(str(path), "--kind", "organisations")


def test_acting_as_a_user_without_the_right_is_refused(
    organisations_csv: Path, personas: Any
) -> None:
    with pytest.raises(CommandError, match="permission"):
        run(
            str(organisations_csv), "--kind", "organisations", "--user", personas.entrepreneur.email
        )

    assert not Organisation.objects.exists()


def test_the_report_can_be_asked_for_in_hebrew(organisations_csv: Path) -> None:
    output = run(str(organisations_csv), "--kind", "organisations", "--dry-run", "--language", "he")

    assert "“spaceship” אינו סוג ארגון." in output
