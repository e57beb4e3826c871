"""What the officials' workbook says to a person, in each language: sheet names, column headers,
About labels, the instructions, the drop-down prompts and alerts, the "not found" choice.

Identity stays as it is in every language (country codes, indicator ids, level values, periods,
the About sheet's values); only what a person reads is here. The English texts are the ones the
workbook has always had: with no language given, the workbook is byte for byte what it was.
Reading accepts every language's sheet names, headers, About labels and words (`READ_*`), so a
workbook is read without being told its language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from readiness.i18n import LANGUAGES, Language

Sections = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class WorkbookText:
    """Every text of the workbook in one language. Templates use str.format fields."""

    language: Language
    # Sheet key (instructions, values, indicators, levels, about, problems, provenance) -> name.
    sheets: dict[str, str]
    # Values column key (layout.COLUMNS) -> header.
    headers: dict[str, str]
    # About field key -> label (column A of the About sheet).
    about: dict[str, str]
    indicators_headers: tuple[str, ...]
    levels_headers: tuple[str, ...]
    # Provenance column key -> header.
    provenance_headers: dict[str, str]
    not_found: str
    not_found_definition: str
    yes: str  # what the Contested column holds for a contested reading
    no: str
    # allowed_text and data-validation texts
    number: str
    range_between: str  # {unit} {low} {high}
    range_at_least: str
    range_at_most: str
    pick_level: str  # {levels} {not_found}
    level_error: str
    number_between: str  # {low} {high}
    number_at_least: str
    number_at_most: str
    number_any: str
    number_prompt: str  # {unit}
    number_prompt_no_unit: str
    not_allowed: str
    contested_error: str
    date_error: str
    date_error_title: str
    date_prompt: str
    date_prompt_title: str
    # Values sheet page header ({title} {period}) and footer.
    page_header: str
    page_footer: str
    # Instructions: title lines, then sections (heading, paragraphs); fields {title}, {period},
    # {end}, {rubric_id}, {version}, {n_rows}.
    title: str
    reporting_period: str
    rubric_line: str
    reference_units: str
    sections: Sections
    months: tuple[str, ...] = field(default=())  # month names for a date in words, if not %B
    # Characters per unit of column width when estimating how many lines a wrapped text takes
    # (Cyrillic letters are wider than Latin ones in the same font).
    chars_per_width: float = 1.2

    def end_date(self, day: date) -> str:
        """A period's last day in words ("31 December 2026", "31 декабря 2026 г.")."""
        if not self.months:
            return day.strftime("%d %B %Y").lstrip("0")
        return f"{day.day} {self.months[day.month - 1]} {day.year} г."


_EN_SECTIONS: Sections = (
    (
        "What to fill in",
        (
            "Open the Values sheet. Each of its {n_rows} rows is one country and one "
            "indicator. Fill in the five yellow columns of each row: Value, As-of date, "
            "Source, Source URL and Evidence note (and, rarely, Low, High or Contested).",
            "The grey columns say which country and indicator the row is for. They are "
            "locked so that every row stays matched to its country and indicator; do not "
            "add, delete, sort or move rows.",
        ),
    ),
    (
        "Value",
        (
            "For an indicator measured in numbers, type the number alone, in the unit shown "
            "in the column 'Unit or allowed levels': for example 63.5, not '63.5 %' or "
            "'about 63'.",
            "For an indicator with levels, pick a level from the drop-down list in the cell. "
            "The Levels sheet defines every level in words; choose the level whose "
            "definition fits the evidence.",
            "If a value cannot be found, leave Value empty, or choose 'not found' in the list, "
            "and say in the Evidence note what was searched; 'not found' needs that note. "
            "Never enter 0 for 'unknown': 0 is a real value and would be scored as one.",
            "'None exists' is not 'not found'. When the evidence shows that the thing does "
            "not exist (no law, no portal, not a member), choose the lowest level: it is an "
            "answer and is scored 0, so it needs its evidence in the note.",
        ),
    ),
    (
        "As-of date",
        (
            "The date the value describes, not the date you looked it up. For a yearly "
            "figure use the last day of that year (2024-12-31); for a law, treaty or "
            "status, the date on which you checked it. Type it as a date, for example "
            "2024-12-31.",
            "A value older than the indicator's maximum age (see the Indicators sheet) is "
            "marked as stale on the scorecard.",
        ),
    ),
    (
        "Source, Source URL and Evidence note",
        (
            "Source: who published the value, and in what, for example 'World Bank, "
            "Worldwide Governance Indicators, 2024 update'.",
            "Source URL: the web address where a reader can check the value "
            "(starting with https://).",
            "Evidence note: one or two sentences that let a reader check the value: what "
            "the source says and, for a level, why this level and not the one above or "
            "below.",
        ),
    ),
    (
        "Low, High and Contested (optional)",
        (
            "Most rows leave these three columns empty. Low and High: when the source "
            "publishes a range around a number (for example a 90 % confidence interval), "
            "type its lower and upper bound; Value stays the published estimate.",
            "Contested: for an indicator with levels, type yes when a careful reader of the "
            "same evidence could choose the level just above or below. The scores use Value "
            "alone; the robustness analysis varies these readings.",
        ),
    ),
    (
        "Checking and sending the workbook back",
        (
            "This workbook is for the period {period} only. Keep its sheets and rows as "
            "they are, save it as an Excel Workbook (.xlsx) without a password, and send it "
            "back to the team that sent it to you.",
            "The team runs a check that lists every problem at once. You may receive a copy "
            "in which cells that must be fixed are coloured red and cells to look at again "
            "are amber, each with a comment saying what is wrong.",
        ),
    ),
    (
        "Sheets in this workbook",
        (
            "Instructions: this page.",
            "Values: the rows to fill in.",
            "Indicators: what each indicator measures, its unit or levels, its allowed "
            "range, its maximum age and where to find it.",
            "Levels: the written definition of every level of the indicators with levels.",
        ),
    ),
)

EN = WorkbookText(
    language="en",
    sheets={
        "instructions": "Instructions",
        "values": "Values",
        "indicators": "Indicators",
        "levels": "Levels",
        "about": "About",
        "problems": "Problems",
        "provenance": "Provenance",
    },
    headers={
        "unit": "Country code",
        "unit_name": "Country",
        "pillar": "Pillar",
        "indicator": "Indicator id",
        "indicator_name": "Indicator",
        "allowed": "Unit or allowed levels",
        "value": "Value",
        "as_of": "As-of date",
        "source": "Source",
        "source_url": "Source URL",
        "note": "Evidence note",
        "low": "Low",
        "high": "High",
        "contested": "Contested",
    },
    about={
        "field": "Field",
        "value": "Value",
        "period": "Period",
        "rubric_id": "Rubric id",
        "rubric_version": "Rubric version",
        "unit_role": "Unit role",
        "format": "Template format",
        "title": "Rubric title",
        "language": "Language",
    },
    indicators_headers=(
        "Pillar",
        "Indicator id",
        "Indicator",
        "What is measured",
        "Unit or allowed levels",
        "Allowed range",
        "Maximum age (years)",
        "Where to find it",
    ),
    levels_headers=("Indicator id", "Indicator", "Level value", "Level label", "Definition"),
    provenance_headers={
        "source": "Source",
        "dataset": "Dataset",
        "repository": "Repository",
        "commit": "Commit",
        "file": "File",
        "fields": "Fields",
    },
    not_found="not found",
    not_found_definition=(
        "Not a level: the evidence could not be found. The value stays missing and is not "
        "scored; say in the Evidence note what was searched. When the evidence shows that the "
        "thing does not exist, choose the lowest level instead (it is scored) and give that "
        "evidence."
    ),
    yes="yes",
    no="no",
    number="number",
    range_between="{unit}, {low} to {high}",
    range_at_least="{unit}, at least {low}",
    range_at_most="{unit}, at most {high}",
    pick_level="Pick a level: {levels} (or {not_found})",
    level_error="Choose one of the levels in the list (the Levels sheet defines them).",
    number_between="Enter a number from {low} to {high}.",
    number_at_least="Enter a number of at least {low}.",
    number_at_most="Enter a number of at most {high}.",
    number_any="Enter a number (without units or spaces).",
    number_prompt="Number in {unit}",
    number_prompt_no_unit="Number in the unit shown",
    not_allowed="Not allowed here",
    contested_error="Type yes, or leave the cell empty.",
    date_error="Enter a full date, for example 2024-12-31 (not a year alone).",
    date_error_title="Not a date",
    date_prompt="The date the value describes (for a yearly figure, 31 December).",
    date_prompt_title="As-of date",
    page_header="{title}: values for {period}",
    page_footer="Page &P of &N",
    title="{title}: values workbook",
    reporting_period="Reporting period: {period} (ending {end})",
    rubric_line="Rubric: {rubric_id}, version {version}",
    reference_units=(
        "Units: the reference jurisdictions. They are scored on the same rubric for "
        "comparison and never ranked among the assessed countries."
    ),
    sections=_EN_SECTIONS,
)

_RU_SECTIONS: Sections = (
    (
        "Что нужно заполнить",
        (
            "Откройте лист «Значения». Число строк на нем: {n_rows}; каждая строка относится "
            "к одной стране и одному индикатору. Заполните в каждой строке пять желтых столбцов: "
            "«Значение», «Дата актуальности», «Источник», «Ссылка на источник» и «Пояснение» "
            "(в редких случаях также «Нижняя граница», «Верхняя граница» или «Спорно»).",
            "Серые столбцы показывают, к какой стране и к какому индикатору относится строка. "
            "Они защищены от изменений, чтобы каждая строка оставалась привязанной к своей "
            "стране и своему индикатору; не добавляйте, не удаляйте, не сортируйте и не "
            "перемещайте строки.",
        ),
    ),
    (
        "Значение",
        (
            "Для индикатора, выраженного числом, введите только число в единицах, указанных "
            "в столбце «Единица или допустимые уровни»: например, 63,5, а не «63,5 %» или "
            "«около 63».",
            "Для индикатора с уровнями выберите уровень из раскрывающегося списка в ячейке. "
            "На листе «Уровни» каждому уровню дано словесное определение; выберите уровень, "
            "определение которого соответствует имеющимся данным.",
            "Если значение найти не удалось, оставьте ячейку «Значение» пустой или выберите "
            "в списке «не найдено» и укажите в пояснении, где и что искали: для «не найдено» "
            "пояснение обязательно. Никогда не вводите 0 вместо неизвестного значения: 0 — "
            "это реальное значение, и оно будет учтено в оценке.",
            "«Не существует» — это не «не найдено». Если данные показывают, что оцениваемого "
            "объекта нет (нет закона, нет портала, страна не является участником), выберите "
            "самый низкий уровень: это ответ, он оценивается в 0 баллов, поэтому "
            "подтверждающие данные нужно привести в пояснении.",
        ),
    ),
    (
        "Дата актуальности",
        (
            "Дата, к которой относится значение, а не дата, когда вы его нашли. Для годового "
            "показателя укажите последний день года (2024-12-31); для закона, договора или "
            "статуса — дату проверки. Введите ее как дату, например "
            "2024-12-31 или 31.12.2024.",
            "Значение, возраст которого превышает максимальный возраст данных для индикатора "
            "(см. лист «Индикаторы»), будет отмечено в карточке оценки как устаревшее.",
        ),
    ),
    (
        "Источник, ссылка на источник и пояснение",
        (
            "Источник: кто опубликовал значение и в каком издании, например «World Bank, "
            "Worldwide Governance Indicators, 2024 update». Название источника приводите "
            "так, как оно опубликовано, без перевода.",
            "Ссылка на источник: веб-адрес, по которому можно проверить значение "
            "(начинается с https://).",
            "Пояснение: одно-два предложения, позволяющие проверить значение: что говорится "
            "в источнике и, для уровня, почему выбран именно этот уровень, а не соседний "
            "выше или ниже.",
        ),
    ),
    (
        "Нижняя граница, верхняя граница и «Спорно» (необязательно)",
        (
            "В большинстве строк эти три столбца остаются пустыми. «Нижняя граница» и "
            "«Верхняя граница»: если источник публикует диапазон вокруг числа (например, "
            "90-процентный доверительный интервал), введите его нижнюю и верхнюю границы; в "
            "столбце «Значение» остается опубликованная оценка.",
            "«Спорно»: для индикатора с уровнями выберите «да», если внимательный читатель "
            "тех же данных мог бы выбрать соседний уровень выше или ниже. Баллы "
            "рассчитываются только по столбцу «Значение»; анализ устойчивости проверяет, как "
            "меняются результаты при этих вариантах.",
        ),
    ),
    (
        "Проверка и отправка книги",
        (
            "Эта книга предназначена только для периода {period}. Не меняйте ее листы и "
            "строки, сохраните файл в формате «Книга Excel» (.xlsx) без пароля и "
            "отправьте его обратно группе, которая его вам направила.",
            "Группа проводит проверку, которая сразу выявляет все замечания. Вы можете "
            "получить копию, в которой ячейки, требующие исправления, выделены красным, а "
            "ячейки, которые следует перепроверить, — оранжевым; к каждой из них приложен "
            "комментарий с описанием замечания.",
        ),
    ),
    (
        "Листы этой книги",
        (
            "Инструкция: эта страница.",
            "Значения: строки для заполнения.",
            "Индикаторы: что измеряет каждый индикатор, его единица измерения или уровни, "
            "допустимый диапазон, максимальный возраст данных и где найти данные.",
            "Уровни: словесное определение каждого уровня индикаторов с уровнями.",
        ),
    ),
)

RU = WorkbookText(
    language="ru",
    sheets={
        "instructions": "Инструкция",
        "values": "Значения",
        "indicators": "Индикаторы",
        "levels": "Уровни",
        "about": "Сведения",
        "problems": "Замечания",
        "provenance": "Происхождение данных",
    },
    headers={
        "unit": "Код страны",
        "unit_name": "Страна",
        "pillar": "Компонент",
        "indicator": "Код индикатора",
        "indicator_name": "Индикатор",
        "allowed": "Единица или допустимые уровни",
        "value": "Значение",
        "as_of": "Дата актуальности",
        "source": "Источник",
        "source_url": "Ссылка на источник",
        "note": "Пояснение",
        "low": "Нижняя граница",
        "high": "Верхняя граница",
        "contested": "Спорно",
    },
    about={
        "field": "Поле",
        "value": "Значение",
        "period": "Период",
        "rubric_id": "Идентификатор методики",
        "rubric_version": "Версия методики",
        "unit_role": "Группа стран",
        "format": "Формат шаблона",
        "title": "Название методики",
        "language": "Язык",
    },
    indicators_headers=(
        "Компонент",
        "Код индикатора",
        "Индикатор",
        "Что измеряется",
        "Единица или допустимые уровни",
        "Допустимый диапазон",
        "Максимальный возраст данных (лет)",
        "Где найти данные",
    ),
    levels_headers=(
        "Код индикатора",
        "Индикатор",
        "Значение уровня",
        "Название уровня",
        "Определение",
    ),
    provenance_headers={
        "source": "Источник",
        "dataset": "Набор данных",
        "repository": "Репозиторий",
        "commit": "Коммит",
        "file": "Файл",
        "fields": "Поля",
    },
    not_found="не найдено",
    not_found_definition=(
        "Это не уровень: данные найти не удалось. Значение остается пропущенным и не "
        "оценивается; укажите в пояснении, где и что искали. Если данные показывают, что "
        "оцениваемого объекта не существует, выберите вместо этого самый низкий уровень (он "
        "оценивается) и приведите эти данные."
    ),
    yes="да",
    no="нет",
    number="число",
    range_between="{unit}, от {low} до {high}",
    range_at_least="{unit}, не менее {low}",
    range_at_most="{unit}, не более {high}",
    pick_level="Выберите уровень: {levels} (или «{not_found}»)",
    level_error="Выберите один из уровней в списке (они описаны на листе «Уровни»).",
    number_between="Введите число от {low} до {high}.",
    number_at_least="Введите число не менее {low}.",
    number_at_most="Введите число не более {high}.",
    number_any="Введите число (без единиц измерения и пробелов).",
    number_prompt="Число; единица измерения: {unit}",
    number_prompt_no_unit="Число в указанных единицах",
    not_allowed="Недопустимое значение",
    contested_error="Выберите «да» или оставьте ячейку пустой.",
    date_error="Введите полную дату, например 2024-12-31 (а не только год).",
    date_error_title="Это не дата",
    date_prompt="Дата, к которой относится значение (для годового показателя — 31 декабря).",
    date_prompt_title="Дата актуальности",
    page_header="{title}: значения за {period}",
    page_footer="Страница &P из &N",
    title="{title}: книга значений",
    reporting_period="Отчетный период: {period} (заканчивается {end})",
    rubric_line="Методика: {rubric_id}, версия {version}",
    reference_units=(
        "Страны и территории: референтные юрисдикции. Они оцениваются по той же методике для "
        "сравнения и никогда не ранжируются вместе с оцениваемыми странами."
    ),
    sections=_RU_SECTIONS,
    months=(
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
    chars_per_width=1.0,
)

TEXTS: dict[Language, WorkbookText] = {"en": EN, "ru": RU}
assert set(TEXTS) == set(LANGUAGES), "every language needs its workbook texts"


def workbook_text(language: Language) -> WorkbookText:
    """The workbook's texts in `language`."""
    return TEXTS[language]


# What the reader accepts, from every language (folded with str.casefold).
def _folded(values: list[str]) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


READ_NOT_FOUND = _folded([t.not_found for t in TEXTS.values()])
READ_YES = _folded([t.yes for t in TEXTS.values()])
READ_NO = _folded([t.no for t in TEXTS.values()])
