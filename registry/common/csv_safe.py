"""CSV writers for every export: a text cell starting with =, +, -, @, tab or CR is prefixed with a single quote,
so a spreadsheet opening the file shows it as text instead of running it as a formula (CSV injection)."""
import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` unchanged, unless it is text a spreadsheet would read as a formula: then "'" + value."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer whose rows are neutralised cell by cell."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(v) for v in row])


class SafeDictWriter(csv.DictWriter):
    """csv.DictWriter whose values are neutralised (the header is ours and stays as it is)."""

    def writerow(self, rowdict):
        return super().writerow({k: safe_cell(v) for k, v in rowdict.items()})
