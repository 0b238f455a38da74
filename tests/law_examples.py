"""Valid inputs of the law layer, one of each, shared by its unit tests and the CLI tests.

A test changes what it is about (``{**VOTER, "citizen": False}``) and keeps the rest
valid, so each example is written once.
"""

from __future__ import annotations

from typing import Any

#: The documents a party-nominated candidate files (kz-rural-akim-2023).
DOCUMENTS = (
    "application",
    "deposit_receipt",
    "civil_service_compliance",
    "tax_declaration_certificate",
    "spouse_tax_declaration_certificate",
)

#: An eligible candidate's registration file.
CANDIDATE: dict[str, Any] = {
    "birth_date": "1978-03-14",
    "registration_date": "2024-08-20",
    "citizen": True,
    "nomination": "party",
    "party_member": True,
    "valid_signatures": 0,
    "invalid_signatures": 0,
    "district_voters": 1500,
    "qualified": True,
    "conviction": False,
    "incapacitated": False,
    "imprisoned": False,
    "documents": list(DOCUMENTS),
}

#: An adult citizen resident in the unit, not barred.
VOTER: dict[str, Any] = {
    "birth_date": "1980-01-01",
    "polling_day": "2026-09-17",
    "citizen": True,
    "residence_unit": "611633000",
    "district_unit": "611633000",
    "incapacitated": False,
    "imprisoned": False,
}
