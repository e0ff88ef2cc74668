"""`import`: a rep brings in the contacts and closed deals of their CRM and phone (issue 15).

The sample files in tests/data are shaped like the real exports: HubSpot's (UTF-8 with a
BOM, a deal name over two lines), Salesforce's from a German Excel (semicolons, 12.500,00,
21.11.2026), Pipedrive's ("Deal - Title"), a vCard file (3.0 and 4.0 cards), another tool's
tab-separated file, and a file with bad rows. Names come in Latin, Greek and Han script.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest

from tests.cli.test_bad_input import fingerprint
from tests.conftest import Rep

DATA = Path(__file__).resolve().parent.parent / "data"


def imported(rep: Rep, *args: str) -> dict[str, Any]:
    """Run `import … --json` and return its report."""
    return cast("dict[str, Any]", json.loads(rep.ok(["import", *args, "--json"]).stdout))


def contacts(rep: Rep) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in json.loads(rep.ok("contact list --all --json").stdout)}


def closes(rep: Rep) -> list[dict[str, Any]]:
    document = json.loads(rep.ok("export").stdout)
    return cast("list[dict[str, Any]]", document["closes"])


def test_a_hubspot_export_brings_contacts_and_closed_deals(rep: Rep) -> None:
    report = imported(rep, str(DATA / "hubspot-deals.csv"))

    assert report["source"] == "hubspot"
    assert report["added"] == {"contacts": 4, "closes": 4}
    assert report["matched"] == {"contacts": 1}
    assert report["skipped"] == 1 and report["bad"] == 0
    people = contacts(rep)
    assert {"José Núñez", "Søren Ås", "李雷", "Ωμέγα Παπαδοπούλου"} == set(people)
    assert people["José Núñez"]["company"] == "Acme Ibérica"
    assert people["José Núñez"]["email"] == "jose.nunez@acme.example"
    deals = {c["title"]: c for c in closes(rep)}
    assert deals["Fleet renewal"]["value_cents"] == 1_250_000
    assert deals["Fleet renewal"]["crm_id"] == "9001"
    assert deals["Pilot, phase two\nwith the Oslo office"]["result"] == "lost"
    assert deals["Pilot, phase two\nwith the Oslo office"]["value_cents"] == 300_050
    assert deals["Cloud migration"]["closed_on"] == "2026-11-23"
    # The open deal is not a close; its line is the sixth (the second deal spans two lines).
    skipped = [i for i in report["items"] if i["action"] == "skipped"]
    assert [(i["line"], i["label"]) for i in skipped] == [(6, "Ωμέγα Παπαδοπούλου (Ακρόπολη ΑΕ)")]


def test_recent_imported_closes_are_asks_to_make_today(rep: Rep) -> None:
    rep.ok(["import", str(DATA / "hubspot-deals.csv")])

    today = json.loads(rep.ok("today --json").stdout)
    asks = {i["contact"] for i in today["items"] if i["kind"] == "ask_close"}
    # Within ask_window_days (14) of 2026-11-25; José's June deal is long past.
    assert asks == {"Søren Ås (Nordisk Fisk A/S)", "李雷 (北京科技)", "José Núñez (Acme Ibérica)"}


def test_importing_the_same_file_twice_adds_nothing(rep: Rep) -> None:
    for name in ("hubspot-deals.csv", "salesforce-opportunities.csv", "pipedrive-deals.csv"):
        rep.ok(["import", str(DATA / name)])
    before = fingerprint(rep.db)
    for name in ("hubspot-deals.csv", "salesforce-opportunities.csv", "pipedrive-deals.csv"):
        again = imported(rep, str(DATA / name))
        assert again["added"] == {}, name
        assert again["matched"]["contacts"] >= 2
    vcards = imported(rep, str(DATA / "contacts.vcf"))
    # 李雷 has no e-mail and no company: a new card. José and Ωμέγα gain their dates.
    assert vcards["added"] == {"contacts": 1, "dates": 3}
    after_cards = fingerprint(rep.db)
    assert imported(rep, str(DATA / "contacts.vcf"))["added"] == {}
    assert len(closes(rep)) == 8
    assert before != after_cards
    # The re-imports wrote nothing at all, not merely reported nothing.
    for name in ("hubspot-deals.csv", "salesforce-opportunities.csv", "pipedrive-deals.csv"):
        imported(rep, str(DATA / name))
    assert fingerprint(rep.db) == after_cards


def test_a_dry_run_counts_and_writes_nothing(rep: Rep) -> None:
    before = fingerprint(rep.db)

    report = imported(rep, str(DATA / "hubspot-deals.csv"), "--dry-run")
    text = rep.ok(["import", str(DATA / "hubspot-deals.csv"), "--dry-run"]).stdout

    assert report["dry_run"] is True
    assert report["added"] == {"contacts": 4, "closes": 4}
    assert "would add: 4 contacts, 4 closes" in text
    assert "Nothing was written" in text
    assert fingerprint(rep.db) == before


def test_salesforce_from_a_german_excel_semicolons_and_decimal_commas(rep: Rep) -> None:
    report = imported(rep, str(DATA / "salesforce-opportunities.csv"))

    assert report["source"] == "salesforce"
    assert report["added"] == {"contacts": 2, "closes": 2}
    deals = {c["title"]: c for c in closes(rep)}
    assert deals["Flottenvertrag"]["value_cents"] == 1_250_000
    assert deals["Flottenvertrag"]["closed_on"] == "2026-11-21"
    assert deals["Wartung"]["value_cents"] == 120_050
    assert deals["Wartung"]["result"] == "lost"
    assert contacts(rep)["Jürgen Müller"]["company"] == "Müller GmbH"


def test_pipedrive_deals_won_lost_and_open(rep: Rep) -> None:
    report = imported(rep, str(DATA / "pipedrive-deals.csv"))

    assert report["source"] == "pipedrive"
    deals = {c["title"]: c for c in closes(rep)}
    assert set(deals) == {"Onboarding bundle", "Renewal"}
    assert deals["Onboarding bundle"]["closed_on"] == "2026-11-24"
    assert deals["Renewal"]["result"] == "lost"
    assert contacts(rep)["Kenji Sato"]["company"] == "佐藤商事"


def test_vcards_three_and_four_with_birthdays_and_anniversaries(rep: Rep) -> None:
    report = imported(rep, str(DATA / "contacts.vcf"))

    assert report["source"] == "vcard"
    assert report["added"] == {"contacts": 3, "dates": 3}
    jose = json.loads(rep.ok(["contact", "show", "José", "--json"]).stdout)
    assert jose["phone"] == "+34 600 000 001"
    assert jose["birthday"] == "1980-05-17"
    omega = json.loads(rep.ok(["contact", "show", "Ωμέγα", "--json"]).stdout)
    assert omega["company"] == "Ακρόπολη ΑΕ"
    assert omega["kind"] == "network"
    assert omega["note"] == "Met at the Athens fair, booth 12"
    assert {(d["label"], d["date"]) for d in omega["dates"]} == {
        ("birthday", "11-28"),
        ("anniversary", "2010-06-12"),
    }
    # Her birthday is three days off: today says so.
    today = json.loads(rep.ok("today --json").stdout)
    assert any(i["kind"] == "date" and "Ωμέγα" in i["contact"] for i in today["items"])


def test_another_tools_file_is_read_with_map(rep: Rep) -> None:
    path = str(DATA / "other-tool.tsv")
    refused = rep.run(["import", path])
    assert refused.exit_code == 1
    assert "--map" in refused.stderr

    report = imported(
        rep,
        path,
        "--map", "Full name=name",
        "--map", "E-mail=email",
        "--map", "Firm=company",
        "--map", "Won on=closed_on",
        "--map", "What=deal",
    )  # fmt: skip

    assert report["source"] == "csv"
    assert report["added"] == {"contacts": 2, "closes": 1}
    assert [c["title"] for c in closes(rep)] == ["Follow-on order"]
    assert contacts(rep)["Mia Wong"]["company"] == "Wong & Co"


def test_a_bad_row_is_reported_by_line_and_nothing_is_written(rep: Rep) -> None:
    before = fingerprint(rep.db)

    result = rep.run(["import", str(DATA / "hubspot-bad.csv")])

    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "3 bad rows, nothing imported" in line
    assert "line 3: '2026-02-30' is not a date (February 2026 has 28 days)" in line
    assert "line 4: unknown deal stage 'Almost Won'" in line
    # The row with a quoted newline ends on line 5: the next row starts on line 6.
    assert "line 6: 'lots' is not an amount" in line
    assert "--skip-bad" in line
    assert fingerprint(rep.db) == before


def test_skip_bad_lists_the_bad_rows_and_writes_the_rest(rep: Rep) -> None:
    report = imported(rep, str(DATA / "hubspot-bad.csv"), "--skip-bad")

    bad = [(i["line"], i["reason"]) for i in report["items"] if i["action"] == "bad"]
    assert [line for line, _ in bad] == [3, 4, 6]
    assert report["bad"] == 3
    assert report["added"] == {"contacts": 2, "closes": 2}
    assert {c["title"] for c in closes(rep)} == {"Good deal", "Fine"}
    text = rep.ok(["import", str(DATA / "hubspot-bad.csv"), "--skip-bad"]).stdout
    assert "bad, left out: 3 rows" in text
    assert "line 4: bad row — unknown deal stage 'Almost Won'" in text


def test_the_format_can_be_told(rep: Rep, tmp_path: Path) -> None:
    # A HubSpot contacts export has no deal columns; --from says where it comes from.
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,Email\nAna,Lima,ana@lima.example\n", encoding="utf-8")

    report = imported(rep, str(path), "--from", "hubspot")

    assert report["source"] == "hubspot"
    assert set(contacts(rep)) == {"Ana Lima"}


@pytest.mark.parametrize(
    "args, code, says",
    [
        (["--map", "Nope=name"], 2, "no column 'nope'"),
        (["--map", "Full name=nickname"], 2, "'nickname' is not a field"),
        (["--map", "Full name"], 2, "is not COLUMN=FIELD"),
        (["--from", "excel"], 2, "excel"),
    ],
)
def test_bad_options_are_refused(rep: Rep, args: list[str], code: int, says: str) -> None:
    result = rep.run(["import", str(DATA / "other-tool.tsv"), *args])
    assert result.exit_code == code, result.stderr
    assert says in result.stderr


def test_files_that_are_no_import_are_refused(rep: Rep, tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("Name,Email\nJosé,j@x.example\n".encode("latin-1"))
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    newer = tmp_path / "newer.json"
    newer.write_text('{"reftrack_export": 99, "contacts": []}')
    other = tmp_path / "other.json"
    other.write_text('{"contacts": []}')
    cases = {
        str(tmp_path / "missing.csv"): "there is no file",
        str(tmp_path): "is a directory",
        str(latin1): "is not UTF-8 text",
        str(empty): "the file is empty",
        str(newer): "written by a newer reftrack",
        str(other): "is not a reftrack export",
    }
    before = fingerprint(rep.db)
    for path, says in cases.items():
        result = rep.run(["import", path])
        assert result.exit_code == 1, (path, result.stderr)
        assert says in result.stderr, (path, result.stderr)
        assert len(result.stderr.splitlines()) == 1
    assert fingerprint(rep.db) == before


def test_hostile_text_in_a_file_is_kept_exact_and_shown_harmless(rep: Rep, tmp_path: Path) -> None:
    from tests.cli.test_hostile_text import HOSTILE, raw_characters

    path = tmp_path / "hostile.csv"
    path.write_text(f'Name,Company\n"Zed {HOSTILE}","Acme"\n', encoding="utf-8")

    shown = rep.ok(["import", str(path), "--from", "csv"], TTY_COMPATIBLE="1", NO_COLOR="")
    assert not raw_characters(shown.stdout)
    assert "[bold red]x [/]" in shown.stdout
    assert f"Zed {' '.join(HOSTILE.split())}" in contacts(rep)


def test_a_contact_is_matched_by_e_mail_before_name(rep: Rep, tmp_path: Path) -> None:
    # The CRM has his full name; the rep typed the short one. The e-mail says it is him.
    rep.ok('contact add "Bob Stone" --company Stone --email bob@stone.example')
    path = tmp_path / "crm.csv"
    path.write_text(
        "name,email,company\nRobert Stone,BOB@stone.example,Stone Ltd\nBob Stone,,Stone\n",
        encoding="utf-8",
    )

    report = imported(rep, str(path))

    assert report["added"] == {}
    assert [(i["action"], i["label"]) for i in report["items"]] == [
        ("matched", "Bob Stone (Stone)"),
        ("matched", "Bob Stone (Stone)"),
    ]
