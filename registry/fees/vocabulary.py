"""Controlled lists for fee rules (sectors, ILO cost categories, cap kinds) and their plain-language names."""

SECTORS = {
    "domestic_work": "domestic work", "caregiving": "caregiving", "construction": "construction",
    "manufacturing": "manufacturing", "agriculture": "agriculture", "fishing": "fishing",
    "hospitality": "hospitality", "seafaring": "seafaring", "any": "any kind of work",
}

# The ILO definition of recruitment fees and related costs (2019), as snake_case keys.
CATEGORIES = {
    "placement_fee": "recruitment, placement or service fee",
    "administrative_documentation": "administrative and documentation costs",
    "medical": "medical examination",
    "insurance": "insurance",
    "skills_tests": "skills and qualification tests",
    "training_orientation": "training and orientation",
    "equipment": "equipment",
    "travel_lodging": "travel and lodging",
    "visa_work_permit": "visa and work permit",
    "passport_government_fees": "passport and other government fees",
    "deposit_bond": "deposit or bond",
}
NEVER_ALLOWED = frozenset({"deposit_bond"})

CAP_KINDS = ("zero", "fixed", "salary_multiple", "percent_of_first_month", "per_month_of_contract",
             "months_per_contract_year")
PAYERS = ("worker", "employer")
SIDES = ("origin", "destination")
