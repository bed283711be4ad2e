"""Seeded import files of fictitious records for the benches: subjects (CSV), cases naming them (JSON) and
agencies (CSV). Names come from `seasia_names` (invented from syllables); numbers, phones and e-mails are
marked as bench data (`BENCH-`, `.example`), so nothing refers to a real person or company."""
from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seasia_names import generate_names, pseudo_word, typo  # noqa: E402

COUNTRIES = ("PH", "ID", "MY", "TH", "VN", "NP", "BD", "MM", "KH", "SG")
SUBJECT_COLUMNS = ("external_id", "kind", "name", "other_names", "country", "registration_no", "address", "phone", "email")


def subject_id(n: int) -> str:
    return f"BENCH-S-{n:07d}"


def subject_country(n: int) -> str:
    return COUNTRIES[n % len(COUNTRIES)]


def write_subjects(path: Path, rows: int, seed: int = 7) -> list[tuple[str, str]]:
    """Write `rows` subjects; returns their (kind, name) in order (to draw screening queries from)."""
    names = generate_names(rows, seed)
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(SUBJECT_COLUMNS)
        for n, (kind, name) in enumerate(names):
            words = name.split()
            other = typo(rng, name) if rng.random() < 0.2 and len(words) > 1 else ""
            org = kind == "organisation"
            writer.writerow([subject_id(n), kind, name, other if other != name else "", subject_country(n),
                             f"BENCH-CR-{n:07d}" if org else "", f"{n % 300 + 1} {pseudo_word(rng)} Road, {pseudo_word(rng)}" if org and n % 3 == 0 else "",
                             f"+00 555 {n:07d}" if n % 4 == 0 else "", f"s{n}@bench.example" if n % 5 == 0 else ""])
    return names


def write_cases(path: Path, rows: int, subjects: int, seed: int = 13) -> None:
    """Write `rows` cases, each against one of the first `subjects` subjects (by external_id); a third end in a
    conviction with sanctions, a third are prosecuted, the rest only filed."""
    rng = random.Random(seed)
    cases = []
    for n in range(rows):
        s = n % subjects
        case = {"case_no": f"BENCH-C-{n:07d}", "jurisdiction": subject_country(s), "authority": "Bench Labour Court",
                "offences": [rng.choice(["forced_labour", "illegal_recruitment", "debt_bondage"])],
                "filed_on": f"20{20 + n % 4}-0{1 + n % 9}-1{n % 10}",
                "respondents": [{"country": subject_country(s), "external_id": subject_id(s), "role": "employer"}]}
        if n % 3:
            case["events"] = [{"event": "prosecuted", "date": "2024-06-01"}]
        if n % 3 == 2:
            case["events"].append({"event": "convicted", "date": "2025-01-15", "reference": f"BENCH-D-{n}",
                                   "sanctions": {"imprisonment_months": 12 + n % 24, "debarment_permanent": True}})
        cases.append(case)
    path.write_text(json.dumps(cases), encoding="utf-8")


def conviction_case(n: int, name: str, country: str = "PH") -> dict:
    """A case (API shape) convicting a new subject `name`, for freshness checks."""
    return {"case_no": f"BENCH-FRESH-{n}", "jurisdiction": country, "authority": "Bench Labour Court",
            "offences": ["forced_labour"], "filed_on": "2024-01-10",
            "respondents": [{"role": "employer", "subject": {"kind": "organisation", "name": name, "country": country}}]}
