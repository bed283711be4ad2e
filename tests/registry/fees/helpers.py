"""Builders for fee rules, exchange rates and fee checks through the API."""

SG_RULE = {"side": "destination", "destination": "SG", "category": "placement_fee", "payer": "worker",
           "cap_kind": "months_per_contract_year", "months_per_year": "1", "max_months": "2",
           "citation": "Employment Agencies Act 1958 (demo)", "url": "https://www.mom.gov.sg/", "effective_from": "2020-01-01"}
PH_RULE = {"side": "origin", "origin": "PH", "category": "placement_fee", "payer": "worker", "cap_kind": "salary_multiple",
           "multiple": "1", "citation": "2016 POEA Rules, Section 51 (demo)", "effective_from": "2016-03-01"}


def post_rule(client, headers, **overrides):
    body = {**overrides.pop("base", PH_RULE), **overrides}
    response = client.post("/api/v1/fee-ceilings", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def fee_check(client, charges, **overrides):
    body = {"origin": "PH", "destination": "SG", "sector": "domestic_work", "monthly_salary": "600.00", "currency": "SGD",
            "contract_months": 24, "date": "2026-11-01", "charges": charges, **overrides}
    return client.post("/api/v1/fee-checks", json=body)


def seed_demo_fees(app):
    from registry.fees.demo import seed_fees
    from registry.common.uow import transaction
    with transaction():
        seed_fees()
