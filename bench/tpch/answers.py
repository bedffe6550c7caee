"""Answer comparison: a query's rows from Tributary against the rows
PostgreSQL returned for the same query on the same data in the same run.

Numbers compare within a relative 1e-9, or, for a DECIMAL answer, within one
unit of its last digit: Tributary types decimal division and averages with
Redshift's fixed result scales (e.g. DECIMAL(38,6)), where PostgreSQL's
unconstrained NUMERIC prints 16 or more significant digits, so "PostgreSQL's
value correctly rounded to the scale we return" is the check. CHAR padding is
ignored; everything else compares exactly, in order (the 22 queries' ORDER BY
keys have no ties).
"""
import datetime
import decimal
import math
import re

_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


def _cell(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return float(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value).rstrip(" ")
    return float(text) if _NUMBER.match(text) else text


def _decimal_ulp(value):
    """One unit of a Decimal's last digit, or 0 for anything else."""
    if isinstance(value, decimal.Decimal) and value.is_finite():
        return float(decimal.Decimal(1).scaleb(value.as_tuple().exponent))
    return 0.0


def difference(expected, actual, rel_tol=1e-9):
    """None when the results agree, else a short description of the first
    difference."""
    if len(expected) != len(actual):
        return f"{len(actual)} rows, expected {len(expected)}"
    for r, (e_row, a_row) in enumerate(zip(expected, actual)):
        if len(e_row) != len(a_row):
            return f"row {r + 1}: {len(a_row)} columns, expected {len(e_row)}"
        for c, (e, a) in enumerate(zip(e_row, a_row)):
            ulp = _decimal_ulp(a)
            e, a = _cell(e), _cell(a)
            if isinstance(e, float) and isinstance(a, float):
                if math.isclose(e, a, rel_tol=rel_tol, abs_tol=max(1e-9, ulp)):
                    continue
            elif e == a:
                continue
            return f"row {r + 1} column {c + 1}: {a!r}, expected {e!r}"
    return None
