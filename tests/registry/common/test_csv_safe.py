"""Every CSV export neutralises cells a spreadsheet would run as a formula (issue 18, item 12)."""
import csv
import io

from registry.common.csv_safe import FORMULA_STARTS, safe_cell
from tests.registry.factories import create_agency, issue_licence
from tests.watchlist.helpers import convict, create_case, create_subject

FORMULA = '=HYPERLINK("http://evil.example","Click")'


def _rows(response):
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_csv_cells_starting_with_a_formula_character_are_prefixed_with_a_quote():
    for start in FORMULA_STARTS:
        assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell("Kalovaren 1+1") == "Kalovaren 1+1" and safe_cell(-5) == -5 and safe_cell(None) is None


def test_agencies_csv_writes_no_formula_cells(client, ph_regulator):
    agency = create_agency(client, ph_regulator, name=FORMULA, other_names=[{"name": "@SUM(A1:A9)", "kind": "trade"}],
                           address="-2+3", phone="+63 2 8123 4567")
    issue_licence(client, ph_regulator, agency["id"])
    row = _rows(client.get("/api/v1/agencies.csv"))[0]
    assert row["agency_name"] == "'" + FORMULA and row["other_names"] == "'@SUM(A1:A9)"
    assert row["address"] == "'-2+3" and row["phone"] == "'+63 2 8123 4567"


def test_watchlist_csv_writes_no_formula_cells(client, ph_regulator):
    subject = create_subject(client, ph_regulator, name=FORMULA, other_names=["@Vellamar Builders"])["id"]
    case = create_case(client, ph_regulator, [subject], authority="+Regional Trial Court (test)")["id"]
    convict(client, ph_regulator, case, subject)
    row = _rows(client.get("/api/v1/watchlist.csv"))[0]
    assert row["name"] == "'" + FORMULA and row["other_names"] == "'@Vellamar Builders"
    assert row["authority"] == "'+Regional Trial Court (test)"


def test_screen_file_output_writes_no_formula_cells(app, tmp_path):
    infile, outfile = tmp_path / "in.csv", tmp_path / "out.csv"
    infile.write_text('name\n"=1+2"\n')
    result = app.test_cli_runner().invoke(args=["watchlist", "screen-file", str(infile), str(outfile)])
    assert result.exit_code == 0, result.output
    assert list(csv.DictReader(outfile.open()))[0]["query_name"] == "'=1+2"
