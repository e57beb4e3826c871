"""The detail messages of workbook validation, per id, in every language (see
`readiness.i18n.messages`).

Data: id -> {language -> template}. The English template is the message as readiness has always
written it (tests render every id with sample parameters and compare with the old text); the
Russian one uses the terms of the Russian workbook and of `readiness.problems.russian` (лист
«Значения», столбец «Значение», «Дата актуальности», «Пояснение», «не найдено», методика) and
writes «е» for «ё» as they do. Parameters are the same in every language: English templates
quote typed text with `!r`, Russian ones with «».
"""

from __future__ import annotations

# fmt: off
CATALOGUE: dict[str, dict[str, str]] = {
    # -- a cell as a message names it (readiness.inputs.parse.describe) --
    "cell.text": {
        "en": "the text {text!r}",
        "ru": "текст «{text}»",
    },
    "cell.logical": {
        "en": "the logical value {text}",
        "ru": "логическое значение {text}",
    },
    "cell.date": {
        "en": "the date {text}",
        "ru": "дата {text}",
    },
    "cell.time": {
        "en": "the time {text}",
        "ru": "время {text}",
    },
    "cell.number": {
        "en": "the number {text}",
        "ru": "число {text}",
    },
    # -- numbers --
    "number.expected": {
        "en": "{cell} where a number is expected; type the number alone",
        "ru": "в ячейке {cell}, а ожидается число; введите только число",
    },
    "number.not-a-number": {
        "en": "the text {text!r} is not a number; type the number alone, without units or words "
              "(a comma or a point for decimals)",
        "ru": "текст «{text}» не является числом; введите только число, без единиц измерения и "
              "слов (дробную часть отделяйте запятой или точкой)",
    },
    "number.ambiguous": {
        "en": "{text!r} can be read as {whole} or {decimal}; type it without a thousands "
              "separator: {whole} or {decimal}",
        "ru": "«{text}» можно прочитать и как {whole}, и как {decimal}; введите число без "
              "разделителя разрядов: {whole} или {decimal}",
    },
    "number.too-large": {
        "en": "{value} is too large to score (over {limit}); check the value and its unit",
        "ru": "число {value} слишком велико для оценки (больше {limit}); проверьте значение и "
              "единицу измерения",
    },
    "number.out-of-range": {
        "en": "{value} is outside the allowed range {range}",
        "ru": "число {value} вне допустимого диапазона ({range})",
    },
    "range.between": {
        "en": "{low} to {high}",
        "ru": "от {low} до {high}",
    },
    "range.at-least": {
        "en": "at least {low}",
        "ru": "не менее {low}",
    },
    "range.at-most": {
        "en": "at most {high}",
        "ru": "не более {high}",
    },
    "number.outside-goalposts": {
        "en": "{value} is outside the goalposts [{low}, {high}]; {effect} (check the value and "
              "its unit)",
        "ru": "число {value} вне границ нормирования [{low}, {high}]; {effect} (проверьте "
              "значение и единицу измерения)",
    },
    "goalposts.clipped": {
        "en": "it will be clipped",
        "ru": "оно будет приведено к ближайшей границе",
    },
    "goalposts.beyond": {
        "en": "it will score beyond 0-100",
        "ru": "оценка выйдет за пределы 0–100",
    },
    # -- levels --
    "level.unknown": {
        "en": "{cell} is not a level of this indicator; choose one of {labels}",
        "ru": "{cell} не является уровнем этого индикатора; выберите один из уровней: {labels}",
    },
    "level.unknown-see-levels": {
        "en": "{cell} is not a level of this indicator; choose one of {labels} (see the Levels "
              "sheet)",
        "ru": "{cell} не является уровнем этого индикатора; выберите один из уровней: {labels} "
              "(см. лист «Уровни», Levels)",
    },
    "level.lowest-without-evidence": {
        "en": "{label!r} is the lowest level: an answer ('none exists') that scores 0, so the "
              "evidence note must show it; if the evidence could not be found, choose "
              "'{not_found}' instead",
        "ru": "«{label}» — низший уровень: это ответ («не существует»), который оценивается в 0 "
              "баллов, поэтому пояснение должно его подтверждать; если данные найти не удалось, "
              "выберите вместо него «{not_found}»",
    },
    # -- empty values and "not found" --
    "value.missing": {
        "en": "no value; the scorecard will show it as missing (if it cannot be found, say so in "
              "the evidence note)",
        "ru": "значение не указано; в карточке оценки оно будет показано как отсутствующее "
              "(если данные найти не удалось, укажите это в столбце «Пояснение», Evidence note)",
    },
    "value.not-found": {
        "en": "marked '{said}'; the scorecard will show it as missing",
        "ru": "указано «{said}»; в карточке оценки значение будет показано как отсутствующее",
    },
    "value.not-found-without-note": {
        "en": "'{said}' needs an evidence note saying what was searched and where",
        "ru": "для ответа «{said}» нужно пояснение: что и где искали",
    },
    # -- cells that cannot be read --
    "cell.excel-error": {
        "en": "the cell shows the error {error}; type the value itself",
        "ru": "в ячейке ошибка {error}; введите само значение",
    },
    "cell.excel-error-value": {
        "en": "the cell shows the error {error} (or holds a number that is not a valid date); "
              "type the value itself",
        "ru": "в ячейке ошибка {error} (или число, которое не является допустимой датой); "
              "введите само значение",
    },
    "cell.formula-without-value": {
        "en": "the cell holds a formula that was never calculated; open the file in Excel, save "
              "it again, or type the value itself",
        "ru": "в ячейке формула, которая ни разу не вычислялась; откройте файл в Excel и "
              "сохраните его заново или введите само значение",
    },
    "cell.too-long": {
        "en": "the cell has {found}; the limit is {limit} ({name})",
        "ru": "в ячейке {found}; допускается не более {limit} ({name})",
    },
    # -- as-of dates --
    "as-of.missing": {
        "en": "a value without an as-of date; give the date the value describes",
        "ru": "у значения нет даты актуальности; укажите дату, к которой относится значение",
    },
    "as-of.implausible": {
        "en": "{cell} is not a plausible as-of date; enter a date like 2024-12-31",
        "ru": "{cell} не может быть датой актуальности; введите дату, например 2024-12-31",
    },
    "as-of.implausible-year": {
        "en": "{cell} is not a plausible as-of date; enter a date like 2024-12-31; if you typed "
              "a year into a date cell, type a full date instead",
        "ru": "{cell} не может быть датой актуальности; введите дату, например 2024-12-31; если "
              "вы ввели год в ячейку с форматом даты, введите полную дату",
    },
    "as-of.future": {
        "en": "the as-of date {date} is in the future (today is {today})",
        "ru": "дата актуальности {date} еще не наступила (сегодня {today})",
    },
    "as-of.not-a-date-number": {
        "en": "{cell} is not a date; type the date as 2024-12-31, or a year as 2024",
        "ru": "{cell} не является датой; введите дату в виде 2024-12-31 или год в виде 2024",
    },
    "as-of.not-a-date-other": {
        "en": "{cell} is not a date; type it as 2024-12-31",
        "ru": "{cell} не является датой; введите дату в виде 2024-12-31",
    },
    "as-of.not-a-date": {
        "en": "{cell} is not a date; type it as 2024-12-31 (or 31.12.2024), a month as 2024-12 "
              "or a year as 2024",
        "ru": "{cell} не является датой; введите дату в виде 2024-12-31 (или 31.12.2024), "
              "месяц — в виде 2024-12, год — в виде 2024",
    },
    "as-of.ambiguous": {
        "en": "{text!r} could be {one} or {other}; type the date as year-month-day ({one_iso} "
              "or {other_iso})",
        "ru": "«{text}» может означать {one} или {other}; введите дату в порядке "
              "«год-месяц-день» ({one_iso} или {other_iso})",
    },
    "as-of.slashes": {
        "en": "{text!r}: dates with slashes are read differently in different countries; type "
              "the date as year-month-day ({iso})",
        "ru": "«{text}»: даты с косой чертой в разных странах читаются по-разному; введите дату "
              "в порядке «год-месяц-день» ({iso})",
    },
    "as-of.slashes-bare": {
        "en": "{text!r}: dates with slashes are read differently in different countries; type "
              "the date as year-month-day",
        "ru": "«{text}»: даты с косой чертой в разных странах читаются по-разному; введите дату "
              "в порядке «год-месяц-день»",
    },
    "as-of.stale": {
        "en": "the value dates from {date}, {age} years before {reference}; older than the "
              "{max_age} years allowed for this indicator, so the scorecard flags it as stale "
              "(is there a newer figure?)",
        "ru": "дата актуальности значения — {date}, на {age} раньше {reference}; максимальный "
              "возраст данных для этого индикатора — {max_age}, поэтому в карточке оценки "
              "значение отмечено как устаревшее (нет ли более свежих данных?)",
    },
    # -- source, source URL --
    "source.missing": {
        "en": "a value without a source; name where it comes from",
        "ru": "у значения не указан источник; укажите, откуда оно взято",
    },
    "source.bad-url": {
        "en": "{text!r} is not a web address; it should start with https:// (separate several "
              "addresses with ;)",
        "ru": "«{text}» не является веб-адресом; адрес должен начинаться с https:// (несколько "
              "адресов разделяйте знаком ;)",
    },
    # -- Low, High, Contested --
    "interval.for-levels": {
        "en": "Low and High bound a number; this indicator has levels, so leave them empty (mark "
              "a disputed level in the Contested column instead)",
        "ru": "нижняя и верхняя границы задаются только для чисел; у этого индикатора уровни, "
              "поэтому оставьте их пустыми (спорный уровень отметьте в столбце «Спорно», "
              "Contested)",
    },
    "interval.bound": {
        "en": "{problem} (a bound)",
        "ru": "{problem} (граница интервала)",
    },
    "interval.one-given": {
        "en": "give both Low and High, or neither; {missing} is empty",
        "ru": "укажите обе границы, нижнюю и верхнюю, или ни одной; {missing}",
    },
    "interval.low-missing": {
        "en": "Low",
        "ru": "нижняя граница не указана",
    },
    "interval.high-missing": {
        "en": "High",
        "ru": "верхняя граница не указана",
    },
    "interval.without-value": {
        "en": "Low and High are given but Value is empty; give the value they surround",
        "ru": "границы указаны, а столбец «Значение» (Value) пуст; укажите значение, которое "
              "они окружают",
    },
    "interval.not-around": {
        "en": "Low {low} and High {high} must surround the value {value} (Low <= Value <= High)",
        "ru": "нижняя граница {low} и верхняя граница {high} должны окружать значение {value} "
              "(нижняя ≤ значение ≤ верхняя)",
    },
    "contested.not-an-answer": {
        "en": "{cell} is not an answer here; type yes, or leave the cell empty",
        "ru": "{cell} здесь не подходит; введите «да» (yes) или оставьте ячейку пустой",
    },
    "contested.for-number": {
        "en": "Contested marks a judged level; for a number give Low and High instead",
        "ru": "отметка «Спорно» (Contested) ставится только для уровня, определенного "
              "экспертно; для числа вместо нее укажите нижнюю и верхнюю границы",
    },
    # -- codes (readiness.inputs.parse.unknown_code) --
    "code.unknown": {
        "en": "{what} {code!r} is not in the rubric",
        "ru": "{what} «{code}» отсутствует в методике",
    },
    "code.unknown-case": {
        "en": "{what} {code!r} is not in the rubric; codes are case-sensitive: did you mean "
              "{near!r}?",
        "ru": "{what} «{code}» отсутствует в методике; в кодах различаются прописные и строчные "
              "буквы: возможно, имелось в виду «{near}»?",
    },
    "code.unknown-expected": {
        "en": "{what} {code!r} is not in the rubric; expected one of {known}",
        "ru": "{what} «{code}» отсутствует в методике; допустимые коды: {known}",
    },
    "word.country-code": {
        "en": "country code",
        "ru": "код страны",
    },
    "word.indicator-id": {
        "en": "indicator id",
        "ru": "код индикатора",
    },
    # -- rows and columns of the Values sheet --
    "row.unidentified": {
        "en": "this row has content but no country code or indicator id; move it to its "
              "country's and indicator's row or delete it",
        "ru": "в строке есть данные, но нет кода страны и кода индикатора; перенесите их в "
              "строку нужной страны и индикатора или удалите строку",
    },
    "row.missing-unit": {
        "en": "the country code is empty; type one of {known}",
        "ru": "код страны не указан; введите один из кодов: {known}",
    },
    "row.unit-other-role": {
        "en": "{unit} is a unit with role {role}, and this workbook is for {workbook_role} units "
              "({about} sheet, {field}); give its values in a workbook for {role} units",
        "ru": "{unit} относится к группе «{role}», а эта книга — для группы «{workbook_role}» "
              "(лист «{about}», поле «{field}»); внесите значения этой страны в книгу для группы "
              "«{role}»",
    },
    "row.unknown-indicator": {
        "en": "{what}; use the rows of the template (see the Indicators sheet)",
        "ru": "{what}; используйте строки шаблона (см. лист «Индикаторы», Indicators)",
    },
    "row.indicator-empty": {
        "en": "the indicator id is empty",
        "ru": "код индикатора не указан",
    },
    "row.duplicate": {
        "en": "{unit} / {indicator} is already on row {first}; keep one of the two rows",
        "ru": "пара {unit} / {indicator} уже есть в строке {first}; оставьте одну из двух строк",
    },
    "row.missing": {
        "en": "the row for {unit} / {indicator} ({name}) is missing; restore it from the template",
        "ru": "нет строки для {unit} / {indicator} ({name}); восстановите ее по шаблону",
    },
    "column.missing": {
        "en": "column {header!r} is missing; restore the header row from the template",
        "ru": "нет столбца «{header}»; восстановите строку заголовков по шаблону",
    },
    "column.missing-says": {
        "en": "column {header!r} is missing (this cell says {there!r}); restore the header row "
              "from the template",
        "ru": "нет столбца «{header}» (в этой ячейке указано «{there}»); восстановите строку "
              "заголовков по шаблону",
    },
    "cells.merged": {
        "en": "cells {span} are merged; unmerge them (Home > Merge & Center) so each row has its "
              "own cells",
        "ru": "ячейки {span} объединены; отмените объединение («Главная > Объединить и поместить "
              "в центре»), чтобы у каждой строки были свои ячейки",
    },
    "sheet.values-empty": {
        "en": "the Values sheet is empty",
        "ru": "на листе значений нет данных",
    },
    "workbook.empty": {
        "en": "the workbook is empty; start from the template made by `readiness template`",
        "ru": "книга пуста; начните с шаблона, созданного командой `readiness template`",
    },
    "sheet.missing-renamed": {
        "en": "the sheet {required!r} is missing; it was renamed {found!r}; rename it back",
        "ru": "нет листа «{required}»: он переименован в «{found}»; верните ему прежнее имя",
    },
    "sheet.missing": {
        "en": "the sheet {required!r} is missing (sheets found: {found}); start from the template",
        "ru": "нет листа «{required}» (в книге есть листы: {found}); начните с шаблона",
    },
    "sheet.missing-more": {
        "en": "the sheet {required!r} is missing (sheets found: {found}, ...); start from the "
              "template",
        "ru": "нет листа «{required}» (в книге есть листы: {found} и другие); начните с шаблона",
    },
    # -- the About sheet and the period --
    "about.no-period": {
        "en": "the About sheet has no Period row",
        "ru": "нет строки периода («Период», Period)",
    },
    "about.wrong-period": {
        "en": "this workbook is for period {found}, but {expected} was expected; fill in the "
              "template made for that period",
        "ru": "эта книга за период {found}, а ожидается {expected}; заполните шаблон, созданный "
              "для этого периода",
    },
    "about.wrong-rubric": {
        "en": "this workbook was made for rubric {found!r}, not {rubric!r}",
        "ru": "эта книга создана для методики «{found}», а не «{rubric}»",
    },
    "about.no-rubric-id": {
        "en": "this workbook was made for rubric 'no rubric id', not {rubric!r}",
        "ru": "в книге не указан идентификатор методики; ожидается «{rubric}»",
    },
    "about.rubric-version": {
        "en": "this workbook was made for rubric version {found}, checked against version "
              "{version}",
        "ru": "эта книга создана для версии методики {found}, а проверяется по версии {version}",
    },
    "about.bad-unit-role": {
        "en": "unit role {text!r} is not {allowed}; it says which units the workbook covers",
        "ru": "группа стран «{text}» указана неверно (допустимо: {allowed}); это поле "
              "указывает, каких стран касается книга",
    },
    "about.no-units-of-role": {
        "en": "the workbook is for {role} units, but the rubric declares none",
        "ru": "книга предназначена для группы «{role}», но в методике нет ни одной такой страны",
    },
    # -- opening the file --
    "file.not-found": {
        "en": "no such file",
        "ru": "такого файла нет",
    },
    "file.folder": {
        "en": "this is a folder, not an Excel workbook",
        "ru": "это папка, а не книга Excel",
    },
    "file.cannot-read": {
        "en": "the file cannot be read: {why}",
        "ru": "файл невозможно прочитать: {why}",
    },
    "file.empty": {
        "en": "the file is empty (0 bytes), not a workbook",
        "ru": "файл пуст (0 байт), это не книга",
    },
    "file.encrypted-remove": {
        "en": "the workbook is protected with a password; remove the password (File > Info > "
              "Protect Workbook > Encrypt with Password, clear it) and save again as .xlsx",
        "ru": "книга защищена паролем; снимите пароль («Файл > Сведения > Защита книги > "
              "Зашифровать с использованием пароля», очистите поле) и сохраните книгу заново в "
              "формате .xlsx",
    },
    "file.encrypted": {
        "en": "the workbook is protected with a password",
        "ru": "книга защищена паролем",
    },
    "file.xls": {
        "en": "this is an old-format Excel (.xls) or other Office file; save it as an Excel "
              "Workbook (.xlsx)",
        "ru": "это файл Excel старого формата (.xls) или другой файл Office; сохраните его как "
              "«Книга Excel (.xlsx)»",
    },
    "file.not-a-workbook": {
        "en": "this is not a spreadsheet workbook (.xlsx or .ods); check the file",
        "ru": "это не книга электронных таблиц (.xlsx или .ods); проверьте файл",
    },
    "file.damaged": {
        "en": "the file is damaged or not an Excel workbook ({why})",
        "ru": "файл поврежден или не является книгой Excel ({why})",
    },
    "file.no-workbook-part": {
        "en": "this is not an Excel workbook (no workbook part inside; a Word, ODS or zip file?); "
              "save it as an Excel Workbook (.xlsx)",
        "ru": "это не книга Excel (внутри нет части книги; возможно, это файл Word, ODS или "
              "zip-архив); сохраните его как «Книга Excel (.xlsx)»",
    },
}
# fmt: on
