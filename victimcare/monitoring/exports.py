"""The Commissioner's tables as files: CSV, Excel and the quarterly report as PDF in English or Welsh.

Files are made from the same `publish.Table`s the screens show, so a suppressed figure is suppressed
everywhere. Following the Government Statistical Service's conventions, "[c]" marks a figure withheld to
protect confidentiality and "[x]" one that is not available.
"""

import csv
import io
from dataclasses import replace

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Font

from victimcare.monitoring import figures, publish
from victimcare.monitoring.forms import Lookups
from victimcare.monitoring.publish import SUPPRESSED, Column, Table
from victimcare.notifications.letters import FONT, NumberedPages, font_path

CONFIDENTIAL, NOT_AVAILABLE = "[c]", "[x]"


def export_value(column: Column, value):
    """A figure as it goes into a file: a number where there is one, else "[c]" or "[x]"."""
    if value is SUPPRESSED:
        return CONFIDENTIAL
    if column.kind == "label":
        return str(value)
    if value is None:
        return NOT_AVAILABLE
    if column.kind == "percent":
        return round(value * 100, 1)
    if column.kind == "interval":
        return _("%(low)s to %(high)s") % {"low": f"{value[0] * 100:.1f}", "high": f"{value[1] * 100:.1f}"}
    if column.kind == "flag":
        return _("yes") if value else _("no")
    return value


def export_heading(column: Column) -> str:
    # An interval's label already says "(95%)"; its ends are percentages like the rates'.
    suffix = {"percent": " (%)", "minutes": _(" (minutes)")}.get(column.kind, "")
    return f"{column.label}{suffix}"


def _rows(table: Table) -> list[list]:
    return [[export_value(column, row.get(column.key)) for column in table.columns] for row in table.rows]


def _footnote() -> str:
    return _("[c] fewer than %(threshold)s, withheld so that no victim can be identified; [x] not available.") % {
        "threshold": publish.threshold()}


def tables_csv(tables: list[Table]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerow([export_heading(column) for column in table.columns])
        writer.writerows(_rows(table))
        if table.note:
            writer.writerow([table.note])
    writer.writerow([])
    writer.writerow([_footnote()])
    return out.getvalue()


def tables_xlsx(tables: list[Table]) -> bytes:
    """One worksheet a table: its title, headings in bold, the rows, then the notes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, table in enumerate(tables, start=1):
        sheet = workbook.create_sheet(f"{index}. {table.title}"[:31].replace("/", "-"))
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([export_heading(column) for column in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in _rows(table):
            sheet.append(row)
        sheet.append([])
        if table.note:
            sheet.append([table.note])
        sheet.append([_footnote()])
        sheet.column_dimensions["A"].width = 45
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(tables: list[Table], filename: str) -> HttpResponse:
    # A byte-order mark so Excel opens Welsh letters (ŵ, ŷ) as UTF-8.
    return _attachment("\ufeff" + tables_csv(tables), "text/csv; charset=utf-8", f"{filename}.csv")


def xlsx_response(tables: list[Table], filename: str) -> HttpResponse:
    return _attachment(tables_xlsx(tables), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       f"{filename}.xlsx")


# ---- the quarterly report --------------------------------------------------------------------------------

def quarterly_report_tables(year: int, quarter: int, filters: figures.Filters) -> list[Table]:
    """What the published quarterly report holds, in the active language."""
    start, end = figures.quarter_months(year, quarter)
    period = replace(filters, start=start, end=end)
    names = Lookups.load().names
    tables = [
        publish.return_table(figures.quarterly_return(year, quarter, filters)),
        publish.compliance_table(figures.compliance(period, "standard"), "standard"),
        publish.compliance_table(figures.compliance(period, "area"), "area", names["area"]),
        publish.compliance_table(figures.compliance(period, "organisation"), "organisation", names["organisation"]),
        publish.satisfaction_table(figures.satisfaction(period, "area"), "area", names["area"]),
        publish.satisfaction_table(figures.satisfaction(period, "updates"), "updates"),
    ]
    for characteristic in ("age_band", "sex", "ethnicity", "disability"):
        tables.append(publish.fairness_table(figures.fairness(period, characteristic), characteristic))
    return tables


def render_quarterly_report(year: int, quarter: int, filters: figures.Filters, language: str, *,
                            compress: bool = True) -> bytes:
    with translation.override(language):
        tables = quarterly_report_tables(year, quarter, filters)
        title = _("Victims' Charter: how well victims were served, %(year)s quarter %(quarter)s") % {
            "year": year, "quarter": quarter}
        pdf = NumberedPages(format="A4", orientation="landscape")
        pdf.page_label = _("Page {page} of {pages}")
        pdf.compress = compress
        pdf.set_title(title)
        pdf.set_author(_("Office of the Police and Crime Commissioner for Gwent"))
        pdf.set_lang(language)
        pdf.add_font(FONT, "", str(font_path()))
        pdf.add_font(FONT, "B", str(font_path("DejaVuSans-Bold.ttf")))
        pdf.set_margins(15, 15, 15)
        pdf.set_auto_page_break(True, margin=20)
        pdf.add_page()
        pdf.set_font(FONT, "B", 16)
        pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 5, _("Published %(date)s. Commitments are counted in the month they fell due.") % {
            "date": date_format(timezone.localdate(), "j F Y")}, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 5, _footnote(), new_x="LMARGIN", new_y="NEXT")
        for table in tables:
            _pdf_table(pdf, table)
        return bytes(pdf.output())


def _pdf_table(pdf: FPDF, table: Table) -> None:
    pdf.ln(4)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 6, table.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8)
    widths = (3, *([1] * (len(table.columns) - 1)))
    with pdf.table(col_widths=widths, text_align=("LEFT", *(["RIGHT"] * (len(table.columns) - 1))),
                   headings_style=FontFace(emphasis="BOLD"), line_height=4.5) as pdf_table:
        pdf_table.row([export_heading(column) for column in table.columns])
        for row in _rows(table):
            pdf_table.row([str(value) for value in row])
        if not table.rows:
            pdf_table.row([_("No figures for this period.")] + [""] * (len(table.columns) - 1))
    if table.note:
        pdf.set_font(FONT, "", 8)
        pdf.multi_cell(0, 4, table.note, new_x="LMARGIN", new_y="NEXT")


def quarterly_report_response(year: int, quarter: int, filters: figures.Filters, language: str) -> HttpResponse:
    return _attachment(render_quarterly_report(year, quarter, filters, language), "application/pdf",
                       f"victims-charter-{year}-q{quarter}-{language}.pdf")
