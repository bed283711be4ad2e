"""Controlled vocabularies of the watchlist (snake_case values are the API contract)."""

SUBJECT_KINDS = ("organisation", "person")
NAME_KINDS = ("alias", "former", "trade", "native_script")
IDENTIFIER_KINDS = ("registration_no", "tax_no", "passport", "national_id")
CONTACT_KINDS = ("address", "phone", "email", "website")
RESPONDENT_ROLES = ("employer", "recruiter", "agency", "director", "other")

OFFENCES = (
    "trafficking_for_labour_exploitation", "forced_labour", "illegal_recruitment", "excessive_fees",
    "contract_substitution", "withholding_of_wages", "retention_of_identity_documents", "debt_bondage",
    "unsafe_working_or_living_conditions", "other",
)

# The eleven ILO indicators of forced labour.
ILO_INDICATORS = (
    "abuse_of_vulnerability", "deception", "restriction_of_movement", "isolation", "physical_and_sexual_violence",
    "intimidation_and_threats", "retention_of_identity_documents", "withholding_of_wages", "debt_bondage",
    "abusive_working_and_living_conditions", "excessive_overtime",
)

STANDINGS = ("convicted", "debarred", "pending", "cleared", "none")
PUBLIC_STANDINGS = frozenset({"convicted", "debarred"})
