"""Builders for watchlist test records through the public API (fictitious names only)."""
from datetime import date, timedelta

EMPLOYER = {"kind": "organisation", "name": "Zarqan Vellamar Contracting Est.", "other_names": ["Vellamar Builders"],
            "country": "PH", "registration_no": "CR-4455-01", "external_id": "PH-W-001",
            "addresses": ["Unit 9, Demo Tower, Pasig"], "phones": ["+63 2 8555 0199"], "emails": ["hr@vellamar.example"]}


def ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def create_subject(client, headers, **overrides):
    response = client.post("/api/v1/subjects", json={**EMPLOYER, **overrides}, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def create_case(client, headers, subject_ids, case_no="CRIM-T-001", filed_days_ago=400, **overrides):
    body = {"case_no": case_no, "jurisdiction": "PH", "authority": "Regional Trial Court Branch 7 (test)",
            "offences": ["forced_labour"], "indicators": ["retention_of_identity_documents"], "filed_on": ago(filed_days_ago),
            "respondents": [{"subject_id": sid, "role": "employer"} for sid in subject_ids],
            "victims": {"total": 3, "women": 2, "minors": 0}, "notes": "INTERNAL-NOTE-do-not-publish", **overrides}
    response = client.post("/api/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def event(client, headers, case_id, name, days_ago, **body):
    return client.post(f"/api/v1/cases/{case_id}/events", json={"event": name, "date": ago(days_ago), **body}, headers=headers)


def convict(client, headers, case_id, subject_id, days_ago=100, **sanctions):
    assert event(client, headers, case_id, "prosecuted", days_ago + 50).status_code == 201
    response = event(client, headers, case_id, "convicted", days_ago, respondent_id=subject_id, reference="Crim. Case 123",
                     sanctions=sanctions or {"imprisonment_months": 24, "fine": {"amount": "50000.00", "currency": "PHP"}})
    assert response.status_code == 201, response.get_json()
    return response.get_json()
