"""Small builders for test records through the public API (fictitious names only)."""
AGENCY = {
    "name": "Kalovaren Manpower Services Inc.",
    "country": "PH",
    "other_names": [{"name": "Kalovaren Travel", "kind": "trade"}],
    "registration_no": "PH-REG-0001",
    "address": "12 Demo Street, Quezon City",
    "phone": "+63 2 8123 4567",
    "email": "info@kalovaren.example",
    "website": "https://kalovaren.example",
    "officers": [{"name": "Rosalind Quibranza", "role": "director", "id_number": "P1234567"}],
}


def create_agency(client, headers, **overrides):
    body = {**AGENCY, **overrides}
    response = client.post("/api/v1/agencies", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def issue_licence(client, headers, agency_id, licence_no="DMW-001-LB", **overrides):
    body = {"licence_no": licence_no, "authority": "Department of Migrant Workers", "scope": "land_based",
            "issued_on": "2025-01-15", "expires_on": "2029-01-14", "destinations": ["SA", "AE"], **overrides}
    response = client.post(f"/api/v1/agencies/{agency_id}/licences", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def act(client, headers, licence_no, country="PH", **body):
    return client.post(f"/api/v1/licences/{country}/{licence_no}/actions", json=body, headers=headers)
