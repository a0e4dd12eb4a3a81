"""How a published figure reads on screen, and the bar chart drawn beside each table.

Tables and charts are generic over `publish.Table`: a cell is shown by its column's kind, and a table's
chart is the bar of its on-time rate (or the share satisfied with the whole experience) for every row.
Charts are inline SVG drawn on the server: no JavaScript, a text label on every bar, and the table beside
it gives every figure (a chart alone is not accessible).
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from victimcare.monitoring import publish
from victimcare.monitoring.publish import SUPPRESSED, Column, Table

NUMERIC_KINDS = ("count", "percent", "interval", "minutes")


def percent(value: float) -> str:
    """A proportion as a whole percentage, halves rounded up."""
    return f"{int(value * 100 + 0.5)}%"


@dataclass
class Cell:
    text: str = ""
    numeric: bool = False
    suppressed: bool = False  # withheld: too few to show
    count: bool = False  # a withheld count reads "fewer than N"; a withheld rate or time "not shown"
    missing: bool = False
    differs: bool = False


def cell(row: dict, column: Column) -> Cell:
    value = row.get(column.key)
    found = Cell(numeric=column.kind in NUMERIC_KINDS)
    if value is SUPPRESSED:
        found.suppressed = True
        found.count = column.kind == "count"
        found.text = (_("fewer than %(threshold)s") % {"threshold": publish.threshold()} if found.count
                      else _("not shown"))
    elif column.kind == "label":
        found.text = str(value)
    elif column.kind == "flag":
        found.differs = bool(value)
        found.text = _("Differs") if value else (_("No") if value is not None else _("Not tested"))
    elif value is None or value == "":
        found.missing = True
        found.text = _("No data")
    elif column.kind == "count":
        found.text = number_format(value, force_grouping=True)
    elif column.kind == "percent":
        found.text = percent(value)
    elif column.kind == "interval":
        found.text = _("%(low)s to %(high)s") % {"low": percent(value[0]), "high": percent(value[1])}
    elif column.kind == "minutes":
        found.text = publish.duration(value)
    else:
        found.text = str(value)
    return found


# ---- charts -----------------------------------------------------------------------------------------------

# The measure each table's chart shows, by preference (with what its bars show); else its first percentage column.
CHART_MEASURES = {
    "on_time_rate": gettext_lazy("the share of commitments met on time"),
    "whole_experience": gettext_lazy("the share of victims very or fairly satisfied with their whole experience"),
}
WIDTH = 960
PLOT_WIDTH = 820  # 100% reaches this far; the value's text follows the bar
TOP = 36  # room for the scale
ROW = 58  # a label line, then its bar
BAR = 24
BAR_COLOUR = "#1d70b8"  # GOV.UK blue: 5.2:1 against white
TEXT_COLOUR = "#0b0c0c"  # GOV.UK black
GRID_COLOUR = "#b1b4b6"  # GOV.UK mid-grey
INTERVAL_COLOUR = "#0b0c0c"


@dataclass
class Bar:
    label: str
    text: str
    y: int  # top of the row
    width: float | None  # None: no bar (withheld or no data)
    low: float | None = None  # the interval's ends, when the table has one
    high: float | None = None

    @property
    def label_y(self) -> int:
        return self.y + 16

    @property
    def bar_y(self) -> int:
        return self.y + 24

    @property
    def text_x(self) -> float:
        return max(self.width or 0, self.high or 0) + 8

    @property
    def text_y(self) -> int:
        return self.bar_y + 18

    @property
    def whisker_y(self) -> int:
        return self.bar_y + BAR // 2


@dataclass
class Chart:
    summary: str  # the chart's accessible name
    caption: str  # what the bars show, under the chart
    bars: list[Bar]
    height: int
    ticks: list[tuple[float, str]] = field(default_factory=list)
    width: int = WIDTH
    bar_height: int = BAR
    plot_width: int = PLOT_WIDTH
    bar_colour: str = BAR_COLOUR
    text_colour: str = TEXT_COLOUR
    grid_colour: str = GRID_COLOUR
    interval_colour: str = INTERVAL_COLOUR


def measure_column(table: Table) -> Column | None:
    keys = {column.key: column for column in table.columns}
    for key in CHART_MEASURES:
        if key in keys:
            return keys[key]
    return next((column for column in table.columns if column.kind == "percent"), None)


def chart(table: Table) -> Chart | None:
    """A horizontal bar for each row of `table`; None when it has no rows or nothing to chart."""
    column = measure_column(table)
    if column is None or not table.rows:
        return None
    interval = "interval" if any(c.key == "interval" for c in table.columns) else None
    bars, shown, withheld = [], [], 0
    for index, row in enumerate(table.rows):
        value = row.get(column.key)
        y = TOP + index * ROW
        if value is SUPPRESSED:
            withheld += 1
            bars.append(Bar(str(row["label"]), "[c]", y, None))
        elif value is None:
            bars.append(Bar(str(row["label"]), _("no data"), y, None))
        else:
            bar = Bar(str(row["label"]), percent(value), y, value * PLOT_WIDTH)
            span = row.get(interval) if interval else None
            if span and span is not SUPPRESSED:
                bar.low, bar.high = span[0] * PLOT_WIDTH, span[1] * PLOT_WIDTH
            bars.append(bar)
            shown.append((value, str(row["label"])))
    measure = str(CHART_MEASURES.get(column.key, column.label))
    parts = [ngettext("Bar chart of %(measure)s, %(title)s: %(count)s bar.",
                      "Bar chart of %(measure)s, %(title)s: %(count)s bars.", len(bars)) % {
        "measure": measure, "title": table.title[:1].lower() + table.title[1:], "count": len(bars)}]
    if shown:
        highest, lowest = max(shown), min(shown)
        parts.append(_("Highest %(label)s, %(value)s; lowest %(low_label)s, %(low_value)s.") % {
            "label": highest[1], "value": percent(highest[0]), "low_label": lowest[1], "low_value": percent(lowest[0])})
    if withheld:
        parts.append(ngettext("%(count)s is not shown because it rests on fewer than %(threshold)s.",
                              "%(count)s are not shown because they rest on fewer than %(threshold)s.",
                              withheld) % {"count": withheld, "threshold": publish.threshold()})
    parts.append(_("The table gives every figure."))
    caption = [_("Bars show %(measure)s.") % {"measure": measure}]
    if any(bar.low is not None for bar in bars):
        caption.append(_("The black line across a bar is its confidence interval (95%)."))
    if withheld:
        caption.append(_("[c]: not shown, because it rests on fewer than %(threshold)s.") % {
            "threshold": publish.threshold()})
    ticks = [(PLOT_WIDTH * share / 100, f"{share}%") for share in (0, 25, 50, 75, 100)]
    return Chart(" ".join(parts), " ".join(caption), bars, TOP + len(bars) * ROW + 8, ticks)
