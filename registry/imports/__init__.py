"""Bulk imports from regulators' spreadsheets: validate every row, then write all or nothing."""
