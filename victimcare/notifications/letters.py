"""Any letter message as a PDF: the sender (the force and the unit), the date in the letter's language,
the victim's address, the body and page numbers. DejaVu Sans (copied to victimcare/frontend/build/fonts by
`npm run build`) has every Welsh letter (ŵ, ŷ, â ...)."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from fpdf import FPDF

from victimcare.notifications.models import Message
from victimcare.property.services import force_of

FONT = "DejaVu"
# The postal address block, in millimetres: inside the area GOV.UK Notify's precompiled letters must use.
ADDRESS_LEFT, ADDRESS_TOP, ADDRESS_WIDTH, ADDRESS_BOTTOM, ADDRESS_LINES = 25, 40, 95, 66, 7


def font_path(name: str = "DejaVuSans.ttf") -> Path:
    found = finders.find(f"build/fonts/{name}")
    if found:
        return Path(found)
    path = Path(settings.BASE_DIR) / "victimcare" / "frontend" / "build" / "fonts" / name
    if not path.exists():
        raise FileNotFoundError(f"{name} not found: run `npm run build` to copy the fonts")
    return path


class NumberedPages(FPDF):
    """A PDF with "Page n of m" (in `page_label`, translated by the caller) at the foot of every page."""

    page_label = "Page {page} of {pages}"

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, size=9)
        self.cell(0, 10, self.page_label.format(page=self.page_no(), pages="{nb}"), align="C")


def sender_lines(message: Message) -> list[str]:
    case = message.case
    if case is None:
        return ["Gwent Police" if message.language != "cy" else "Heddlu Gwent"]
    unit = case.unit
    force = force_of(unit)
    names = [force.name, unit.name] if force.pk != unit.pk else [unit.name]
    return names + [detail for detail in (unit.phone, unit.email) if detail]


def render_letter(message: Message, *, compress: bool = True) -> bytes:
    """The letter as PDF bytes, in the message's language."""
    with translation.override(message.language):
        pdf = NumberedPages(format="A4")
        pdf.page_label = gettext("Page {page} of {pages}")
        pdf.compress = compress
        pdf.set_title(message.subject)
        pdf.set_author(sender_lines(message)[0])
        pdf.add_font(FONT, "", str(font_path()))
        pdf.add_font(FONT, "B", str(font_path("DejaVuSans-Bold.ttf")))
        pdf.set_margins(20, 20, 20)
        pdf.set_auto_page_break(True, margin=25)
        pdf.add_page()
        pdf.set_font(FONT, "B", 10)
        pdf.set_y(15)
        for line in sender_lines(message):  # top right, clear of the envelope window
            pdf.cell(0, 5, line, align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, "", 10)
        pdf.set_font(FONT, "", 11)
        pdf.set_y(ADDRESS_TOP)  # the address where a window envelope (and GOV.UK Notify) looks for it
        for line in message.to.splitlines()[:ADDRESS_LINES]:
            pdf.set_x(ADDRESS_LEFT)
            pdf.cell(ADDRESS_WIDTH, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), ADDRESS_BOTTOM) + 8)
        written = timezone.localtime(message.created_at).date()
        pdf.cell(0, 5, date_format(written, "j F Y"), align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(8)
        if message.subject:
            pdf.set_font(FONT, "B", 12)
            pdf.multi_cell(0, 6, message.subject, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(0, 5.5, message.body, new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())
