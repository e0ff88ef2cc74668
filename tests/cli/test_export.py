"""`export`, and its import: a rep's whole record out as JSON or CSV, and back in exactly."""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from reftrack.kinds import ExportKind
from tests.cli.test_bad_input import fingerprint
from tests.conftest import Rep
from tests.postgres import pg_rep, pg_url

__all__ = ["pg_rep", "pg_url"]

# What must read the same before and after a restore (ids included, where a view shows them).
VIEWS = [
    "today --json",
    "today --all --json",
    "summary --format json",
    "summary --week 2026-W40 --format json",
    "stats --json",
    "log --json",
    "contact list --all --json",
    "goal show --json",
    "off list --json",
    "referral list --json",
    "snooze --list --json",
]


def outputs(rep: Rep) -> dict[str, str]:
    return {view: rep.ok(view).stdout for view in VIEWS}


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory, migrated_database: Path) -> Path:
    """A year of demo history, made once for the module."""
    from typer.testing import CliRunner

    from reftrack.cli import app
    from tests.conftest import PINNED_NOW

    folder = tmp_path_factory.mktemp("demo")
    database = folder / "demo.db"
    shutil.copyfile(migrated_database, database)
    env = {
        "REFTRACK_DB": str(database),
        "REFTRACK_CONFIG": str(folder / "config.toml"),
        "REFTRACK_NOW": PINNED_NOW,
        "TZ": "UTC",
    }
    result = CliRunner().invoke(app, ["demo", "--years", "1", "--contacts", "40"], env=env)
    assert result.exit_code == 0, result.stderr
    return database


def test_the_demo_exported_and_imported_into_an_empty_database_reads_the_same(
    rep: Rep, demo_database: Path, tmp_path: Path
) -> None:
    shutil.copyfile(demo_database, rep.db)
    # Items put off go along: one snoozed, one dismissed.
    keys = [item["key"] for item in json.loads(rep.ok("today --json").stdout)["items"]]
    rep.ok(["snooze", keys[0], "--days", "3"])
    rep.ok(["done", keys[-1]])
    before = outputs(rep)
    saved = tmp_path / "record.json"
    rep.ok(["export", "--output", str(saved)])
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    document = json.loads(saved.read_text())
    assert document["reftrack_export"] == 1
    assert {k.value for k in ExportKind} <= set(document)

    fresh = tmp_path / "fresh" / "reftrack.db"
    report = json.loads(rep.ok(["import", str(saved), "--json"], REFTRACK_DB=str(fresh)).stdout)

    assert report["source"] == "reftrack" and report["matched"] == {}
    assert report["added"]["contacts"] == 40
    after = {view: rep.ok(view, REFTRACK_DB=str(fresh)).stdout for view in VIEWS}
    for view in VIEWS:
        assert after[view] == before[view], view
    # Exported again, the restored record is the same document.
    again = rep.ok(["export"], REFTRACK_DB=str(fresh)).stdout
    assert json.loads(again) == document
    # And importing it once more adds nothing.
    twice = json.loads(rep.ok(["import", str(saved), "--json"], REFTRACK_DB=str(fresh)).stdout)
    assert twice["added"] == {}


def test_an_export_merged_into_a_database_with_data_adds_only_what_is_new(
    rep: Rep, tmp_path: Path
) -> None:
    rep.ok('contact add "Ana Lima" --company Lima --email ana@lima.example')
    rep.ok('ask ana --won --deal "Kick-off" --referral "Bo Berg@Berg AB"')
    saved = tmp_path / "ana.json"
    rep.ok(["export", "--output", str(saved)])
    other = tmp_path / "other" / "reftrack.db"
    rep.ok('contact add "Ana Lima" --company Lima --email ana@lima.example', REFTRACK_DB=str(other))
    rep.ok('contact add "Cy Chen"', REFTRACK_DB=str(other))

    report = json.loads(rep.ok(["import", str(saved), "--json"], REFTRACK_DB=str(other)).stdout)

    assert report["matched"] == {"contacts": 1}
    assert report["added"] == {
        "contacts": 1,
        "closes": 1,
        "asks": 1,
        "referrals": 1,
        "referral_events": 1,
    }
    log = json.loads(rep.ok("log --json", REFTRACK_DB=str(other)).stdout)
    assert len(log) == 3
    rep.ok("ask bo --outcome declined", REFTRACK_DB=str(other))


def test_csv_is_a_zip_of_one_file_per_kind(rep: Rep, tmp_path: Path) -> None:
    rep.ok('contact add "Søren Ås" --company "Nordisk, A/S" --note "two\nlines"')
    rep.ok('close søren --deal "Fleet" --value 12.5k --on 2026-11-20')
    archive = tmp_path / "record.zip"

    rep.ok(["export", "--format", "csv", "--output", str(archive)])

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with zipfile.ZipFile(archive) as opened:
        assert set(opened.namelist()) == {f"{k.value}.csv" for k in ExportKind}
        text = opened.read("contacts.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["name"] == "Søren Ås"
    assert rows[0]["company"] == "Nordisk, A/S"
    assert rows[0]["note"] == "two\nlines"
    assert rows[0]["archived"] == "false"


def test_one_kind_as_csv_goes_to_stdout(rep: Rep) -> None:
    rep.ok('contact add "Ana Lima"')
    rep.ok('close ana --deal "Fleet" --value 12.5k --on 2026-11-20')

    shown = rep.ok("export --format csv --kind closes").stdout

    [row] = list(csv.DictReader(io.StringIO(shown)))
    assert row["title"] == "Fleet" and row["value_cents"] == "1250000"
    assert row["closed_on"] == "2026-11-20" and row["result"] == "won"
    only = json.loads(rep.ok("export --kind contacts").stdout)
    assert [c["name"] for c in only["contacts"]] == ["Ana Lima"]
    assert "closes" not in only


def test_a_zip_needs_an_output_file(rep: Rep) -> None:
    result = rep.run("export --format csv")
    assert result.exit_code == 2
    assert "--output" in result.stderr and result.stdout == ""


def test_a_restore_on_postgresql_goes_on_with_fresh_ids(
    pg_rep: Rep, demo_database: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "record.json"
    pg_rep.ok(["export", "--output", str(saved)], REFTRACK_DB=str(demo_database))
    before = pg_rep.ok("log --json", REFTRACK_DB=str(demo_database)).stdout

    pg_rep.ok(["import", str(saved)])

    assert pg_rep.ok("log --json").stdout == before
    pg_rep.ok('contact add "Newly Met" --company Fresh')
    pg_rep.ok('ask newly --won --deal "After the restore" --referral "Eve Park"')
    pg_rep.ok("thank newly --for eve")
    assert "Newly Met" in pg_rep.ok("contact list").stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--skip-bad"], "--skip-bad is for CSV and vCard files"),
        (["--map", "Name=name"], "--map is for CSV files"),
    ],
)
def test_options_for_other_files_are_refused_for_an_export(
    rep: Rep, tmp_path: Path, args: list[str], says: str
) -> None:
    rep.ok('contact add "Jane Doe"')
    saved = tmp_path / "mine.json"
    rep.ok(["export", "--output", str(saved)])
    before = rep.ok("log --json").stdout
    # The import is aimed at another database, one with a record of its own: it is that
    # database which must come out of the refusal unchanged, down to its bytes.
    other = tmp_path / "other.db"
    rep.ok('contact add "Cy Chen"', REFTRACK_DB=str(other))
    other_log = rep.ok("log --json", REFTRACK_DB=str(other)).stdout
    other_bytes = fingerprint(other)
    refused = rep.run(["import", str(saved), *args], REFTRACK_DB=str(other))
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and says in refused.stderr
    assert fingerprint(other) == other_bytes
    assert (
        not other.exists()
        or "Jane" not in rep.ok("contact list --json", REFTRACK_DB=str(other)).stdout
    )
    assert rep.ok("log --json", REFTRACK_DB=str(other)).stdout == other_log
    assert rep.ok("log --json").stdout == before


def test_items_put_off_follow_their_records_into_a_database_with_data(
    rep: Rep, tmp_path: Path
) -> None:
    rep.ok('contact add "Jane Doe"')
    rep.ok('close jane --deal "Fleet"')
    rep.ok('referral add "Bob Stone" --from jane')
    rep.ok("snooze ask-c1 --days 3")
    rep.ok("done thank-1")
    saved = tmp_path / "jane.json"
    rep.ok(["export", "--output", str(saved)])
    other = str(tmp_path / "other" / "reftrack.db")
    rep.ok('contact add "Cy Chen"', REFTRACK_DB=other)
    rep.ok("close cy", REFTRACK_DB=other)
    rep.ok('referral add "Dee Lane" --from cy', REFTRACK_DB=other)

    report = json.loads(rep.ok(["import", str(saved), "--json"], REFTRACK_DB=other).stdout)

    assert report["added"]["put_offs"] == 2
    put_off = json.loads(rep.ok("snooze --list --json", REFTRACK_DB=other).stdout)
    keys = {entry["key"] for entry in put_off}
    assert keys == {"ask-c2", "thank-3"}  # Jane's close and Jane, as numbered here
    today = rep.ok("today --all --json", REFTRACK_DB=other).stdout
    shown = {item["key"] for item in json.loads(today)["items"]}
    assert {"ask-c1", "thank-1"} <= shown and not keys & shown
    # Imported again, they are the items already put off.
    again = json.loads(rep.ok(["import", str(saved), "--json"], REFTRACK_DB=other).stdout)
    assert again["added"] == {} and again["matched"]["put_offs"] == 2


@pytest.mark.parametrize("key", ["ask-c99", "nonsense", "thank-1-0101", "follow-c1"])
def test_a_put_off_naming_no_record_of_the_file_is_refused_whole(
    rep: Rep, tmp_path: Path, key: str
) -> None:
    rep.ok('contact add "Jane Doe"')
    rep.ok("close jane")
    rep.ok("snooze ask-c1 --days 3")
    document = json.loads(rep.ok("export").stdout)
    document["put_offs"][0]["key"] = key
    saved = tmp_path / "bad.json"
    saved.write_text(json.dumps(document))
    other = tmp_path / "other.db"
    refused = rep.run(["import", str(saved)], REFTRACK_DB=str(other))
    assert refused.exit_code == 1 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "put_offs #1" in refused.stderr
    assert "Jane" not in rep.ok("contact list --json", REFTRACK_DB=str(other)).stdout


@pytest.mark.parametrize(
    ("kind", "field", "value", "says"),
    [
        ("contacts", "name", "  ", "contacts #1: the name is empty"),
        ("contacts", "id", 2**70, "contacts #1: id"),
        ("closes", "value_cents", -5, "closes #1: value_cents -5 is out of range"),
        ("closes", "value_cents", 2**70, "closes #1: value_cents"),
        ("scores", "liking", 99, "scores #1: liking 99 is out of range"),
        ("scores", "credibility", 0, "scores #1: credibility 0 is out of range"),
        ("goals", "target", -5, "goals #1: target -5 is out of range"),
        ("goals", "rate", 11.0, "goals #1: rate 11.0 is out of range"),
        ("dates", "month", 13, "dates #1:"),
        ("dates", "day", 31, "dates #1:"),
    ],
)
def test_an_export_edited_out_of_range_is_refused_as_typing_it_would_be(
    rep: Rep, tmp_path: Path, kind: str, field: str, value: object, says: str
) -> None:
    rep.ok('contact add "Jane Doe" --birthday 04-30')
    rep.ok("close jane --value 1k")
    rep.ok("score jane --liking 4 --credibility 3")
    rep.ok("goal set --referrals 8 --per month --rate 0.25")
    document = json.loads(rep.ok("export").stdout)
    document[kind][0][field] = value
    saved = tmp_path / "edited.json"
    saved.write_text(json.dumps(document))
    other = tmp_path / "other.db"
    refused = rep.run(["import", str(saved)], REFTRACK_DB=str(other))
    assert refused.exit_code == 1 and refused.stdout == "", refused.stderr
    assert refused.stderr.count("\n") == 1 and says in refused.stderr, refused.stderr
    assert "a bug" not in refused.stderr
    assert (
        not other.exists()
        or "Jane" not in rep.ok("contact list --json", REFTRACK_DB=str(other)).stdout
    )


@pytest.mark.parametrize("file", ["export", "csv"])
def test_an_export_and_a_crm_file_match_a_contact_by_one_rule(
    rep: Rep, tmp_path: Path, file: str
) -> None:
    """docs/import-export.md: by e-mail first (the one of that name when several share
    it), then by name and company. A reftrack export and a CSV file of the same people
    are matched alike (domain/matching.py), so merging either adds the same contacts."""
    people = [
        ("Robert Stone", "Stone Ltd", "BOB@stone.example"),  # Bob, by e-mail
        ("Ann Lee", "Acme", "info@acme.example"),  # Ann of the two sharing info@
        ("José Núñez", "ACME Ibérica", "jose@new.example"),  # by name and company
        ("Dee Lane", None, None),  # nobody: added
    ]
    source = tmp_path / "source.db"
    for name, company, email in people:
        words = ["contact", "add", name]
        words += ["--company", company] if company else []
        words += ["--email", email] if email else []
        rep.ok(words, REFTRACK_DB=str(source))
    path = tmp_path / "people"
    if file == "export":
        rep.ok(["export", "--output", str(path)], REFTRACK_DB=str(source))
    else:
        rows = [f"{name},{company or ''},{email or ''}" for name, company, email in people]
        path.write_text("name,company,email\n" + "\n".join(rows) + "\n", encoding="utf-8")
    rep.ok('contact add "Bob Stone" --company Stone --email bob@stone.example')
    rep.ok('contact add "Info Desk" --company Acme --email info@acme.example')
    rep.ok('contact add "Ann Lee" --company Acme --email info@acme.example')
    rep.ok('contact add "José Núñez" --company "Acme Ibérica"')

    report = json.loads(rep.ok(["import", str(path), "--json"]).stdout)

    assert report["matched"] == {"contacts": 3}
    assert report["added"] == {"contacts": 1}
    names = [c["name"] for c in json.loads(rep.ok("contact list --json").stdout)]
    assert sorted(names) == ["Ann Lee", "Bob Stone", "Dee Lane", "Info Desk", "José Núñez"]
