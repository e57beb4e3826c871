"""Keep text inert in spreadsheets: a cell that starts with = + - @ (or a control character)
would become a formula in Excel or LibreOffice, so CSV text gets a leading apostrophe."""

from __future__ import annotations

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n")


def inert(text: str) -> str:
    """Text that a spreadsheet shows as text, never evaluates (OWASP CSV injection advice)."""
    if text.startswith(FORMULA_LEADS):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text
