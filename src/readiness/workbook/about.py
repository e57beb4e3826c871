"""The About sheet: which period the workbook is for, which units it covers (the unit role)
and which rubric (id and version) it was made for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from readiness.i18n import LANGUAGES
from readiness.inputs.parse import cell_text, clip
from readiness.rubric.model import Role, Rubric
from readiness.workbook import layout as L
from readiness.workbook.period import Period, parse_period, period_problem
from readiness.workbook.raw import RawSheet

_text = cell_text
_clip = clip


@dataclass
class About:
    """What the About sheet says, checked against the rubric; problems go to `add`."""

    rubric: Rubric
    expected: Period | None
    add: Callable[..., None]  # add(code, message, *, sheet=..., cell=...)
    found_period: Period | None = None
    # The workbook covers the rubric's units of one role (a workbook without the "Unit role"
    # row covers the assessed units).
    role: Role = Role.ASSESSED
    # The About sheet's name as the workbook has it (its language's), for locations.
    sheet_name: str = L.ABOUT
    # The language the About sheet says the workbook is in ("en" when it says none).
    language: str = "en"
    unit_ids: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.unit_ids = self._units_of(self.role)

    def _units_of(self, role: Role) -> set[str]:
        return {u.id for u in self.rubric.units if u.role is role}

    def read(self, sheet: RawSheet | None) -> None:
        if sheet is None:
            return
        # Labels in any language, by field key ("period", "rubric_id", ...).
        keys = L.about_keys()
        fields: dict[str, tuple[str, int]] = {}
        for r, line in enumerate(sheet.rows):
            label = _text(line[0]).strip().casefold() if line else ""
            key = keys.get(label, label)
            if key and key not in fields:
                fields[key] = (_text(sheet.value(r, 1)).strip(), r)
        sheet_name = self.sheet_name
        language = fields.get("language")
        if language is not None and language[0].strip().casefold() in LANGUAGES:
            self.language = language[0].strip().casefold()

        period = fields.get("period")
        if period is None:
            self.add("bad-period", "the About sheet has no Period row", sheet=sheet_name, cell="A1")
        else:
            text, r = period
            cell = L.cell_ref(r, 1)
            why = period_problem(text, self.rubric.period_type)
            if why is not None:
                self.add(
                    "bad-period",
                    f"the workbook's {why}; it should say which period it is for",
                    sheet=sheet_name,
                    cell=cell,
                )
            else:
                self.found_period = parse_period(text, self.rubric.period_type)
                if self.expected is not None and text != self.expected.text:
                    self.add(
                        "wrong-period",
                        f"this workbook is for period {text}, but {self.expected.text} was "
                        "expected; fill in the template made for that period",
                        sheet=sheet_name,
                        cell=cell,
                    )

        self.unit_role(fields.get("unit_role"))

        rubric_id = fields.get("rubric_id")
        if rubric_id is None or rubric_id[0] != self.rubric.id:
            found = rubric_id[0] if rubric_id else "no rubric id"
            cell = L.cell_ref(rubric_id[1], 1) if rubric_id else "A1"
            self.add(
                "wrong-rubric",
                f"this workbook was made for rubric {_clip(found)!r}, not {self.rubric.id!r}",
                sheet=sheet_name,
                cell=cell,
            )
        else:
            version = fields.get("rubric_version")
            if version is not None and version[0] != self.rubric.version:
                self.add(
                    "rubric-version-differs",
                    f"this workbook was made for rubric version {version[0]}, checked against "
                    f"version {self.rubric.version}",
                    sheet=sheet_name,
                    cell=L.cell_ref(version[1], 1),
                )

    def unit_role(self, found: tuple[str, int] | None) -> None:
        if found is None:
            return
        text, r = found
        cell = L.cell_ref(r, 1)
        allowed = " or ".join(role.value for role in Role)
        try:
            self.role = Role(text.strip().casefold())
        except ValueError:
            self.add(
                "bad-unit-role",
                f"unit role {text!r} is not {allowed}; it says which units the workbook covers",
                sheet=self.sheet_name,
                cell=cell,
            )
            return
        self.unit_ids = self._units_of(self.role)
        if self.rubric.units and not self.unit_ids:
            self.add(
                "bad-unit-role",
                f"the workbook is for {self.role.value} units, but the rubric declares none",
                sheet=self.sheet_name,
                cell=cell,
            )
