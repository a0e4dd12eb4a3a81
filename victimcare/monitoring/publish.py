"""Figures made fit to publish: every table a screen or an export shows is built here, and small numbers
are suppressed here, once, so that no screen or file can show what another hides.

Suppression (the Government Statistical Service's "[c]"): a count from 1 to the threshold less one is
not shown; when a row of counts that add up to a shown total would then give the hidden one away, the
next smallest is hidden too; so is a total that alone in its column could be worked out from the others.
A rate or interval needs at least the threshold in its denominator, and is withheld when what it rests on
(its numerator, or the rest) is small; a time needs at least the threshold met.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from victimcare.charter.rules import CommitmentKind
from victimcare.charter.standards import STANDARDS
from victimcare.crimes.offences import CATEGORIES, category_name
from victimcare.equality.groups import CHARACTERISTICS, characteristic_label, group_label
from victimcare.monitoring.figures import satisfaction_comparison
from victimcare.satisfaction.models import STAGES


class Suppressed:
    """A figure hidden because it is too small to publish."""

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __str__(self) -> str:
        return "[c]"


SUPPRESSED = Suppressed()


def threshold() -> int:
    return settings.MONITORING_SMALL_NUMBER_THRESHOLD


@dataclass
class Column:
    key: str
    label: str
    kind: str = "count"  # "label", "count", "percent", "interval", "minutes", "flag"


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    note: str = ""

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def is_small(count: int) -> bool:
    return 0 < count < threshold()


def _suppress_row(row: dict, parts: tuple[str, ...]) -> None:
    """Hide small counts among `parts`, and one more if a single hidden one could be worked out."""
    hidden = [key for key in parts if isinstance(row[key], int) and is_small(row[key])]
    for key in hidden:
        row[key] = SUPPRESSED
    if len(hidden) == 1:
        shown = [key for key in parts if isinstance(row[key], int) and row[key] > 0]
        if shown:
            row[min(shown, key=lambda key: row[key])] = SUPPRESSED


def _suppress_column(rows: list[dict], key: str) -> None:
    hidden = [row for row in rows if isinstance(row[key], int) and is_small(row[key])]
    for row in hidden:
        row[key] = SUPPRESSED
    if len(hidden) == 1 and len(rows) > 1:
        shown = [row for row in rows if isinstance(row[key], int) and row[key] > 0]
        if shown:
            min(shown, key=lambda row: row[key])[key] = SUPPRESSED


def _rate(successes: int, trials: int, value: float | None):
    """A rate, or what it rests on if too few: a rate times its (shown) denominator gives the numerator, so
    a small numerator, or a small number left over, withholds the rate too."""
    if trials < threshold():
        return SUPPRESSED if trials else None
    if is_small(successes) or is_small(trials - successes):
        return SUPPRESSED
    return value


def _time(met: int, value: float | None):
    """A median or percentile time in whole minutes, shown only when at least the threshold were met."""
    if met < threshold():
        return SUPPRESSED if met else None
    return None if value is None else round(value)


# ---- labels ---------------------------------------------------------------------------------------------

RIGHTS_LABELS = {True: gettext_lazy("Enhanced rights"), False: gettext_lazy("Standard rights")}
UPDATES_LABELS = {"on_time": gettext_lazy("Every update and decision told on time"),
                  "late": gettext_lazy("At least one update or decision late or missed"),
                  "none": gettext_lazy("No update or decision due yet")}
RETURN_AREA_LABELS = {
    "written_acknowledgement": gettext_lazy("Written acknowledgement"),
    "referral_to_support": gettext_lazy("Referral to support services"),
    "updates": gettext_lazy("Timely updates"),
    "vps_offered": gettext_lazy("Victim Personal Statement offered"),
    "release_notice": gettext_lazy("Advance notice of the offender's release"),
}
STAGE_LABELS = {
    "ease_of_contact": gettext_lazy("Ease of contact"),
    "actions_taken": gettext_lazy("Actions taken"),
    "kept_informed": gettext_lazy("Kept informed"),
    "treatment": gettext_lazy("Treatment"),
    "whole_experience": gettext_lazy("Whole experience"),
}
BREAKDOWN_LABELS = {
    "standard": gettext_lazy("Charter standard"),
    "kind": gettext_lazy("Commitment"),
    "organisation": gettext_lazy("Organisation"),
    "area": gettext_lazy("Local authority"),
    "category": gettext_lazy("Crime category"),
    "rights": gettext_lazy("Rights"),
    "month": gettext_lazy("Month"),
    "quarter": gettext_lazy("Quarter"),
    "updates": gettext_lazy("Updates on time"),
}


def breakdown_label(by: str) -> str:
    if by in BREAKDOWN_LABELS:
        return str(BREAKDOWN_LABELS[by])
    return characteristic_label(by, translation.get_language() or "en")


def key_label(by: str, key, names: dict | None = None) -> str:
    """What a row of a breakdown is called, in the active language."""
    language = translation.get_language() or "en"
    if by == "standard":
        standard = next((s for s in STANDARDS if s.number == key), None)
        return f"{key}. {standard.title(language)}" if standard else str(key)
    if by == "kind":
        return CommitmentKind(key).label(language)
    if by in ("organisation", "area"):
        return (names or {}).get(key) or (str(key) if key else _("Not known"))
    if by == "category":
        return category_name(key, language) if key in CATEGORIES else _("Not known")
    if by == "rights":
        return str(RIGHTS_LABELS[bool(key)])
    if by == "month":
        return date_format(key, "F Y")
    if by == "quarter":
        year, quarter = key.split("-Q")
        return _("%(year)s quarter %(quarter)s") % {"year": year, "quarter": quarter}
    if by == "updates":
        return str(UPDATES_LABELS.get(key, key))
    return group_label(by, key, language)


def duration(minutes: int | None) -> str:
    if minutes is None:
        return ""
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return _("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": mins}
    return _("%(minutes)s min") % {"minutes": mins}


# ---- tables ---------------------------------------------------------------------------------------------

COMPLIANCE_PARTS = ("met", "met_late", "missed", "waived", "overdue", "not_yet_due")


def compliance_columns(first: str) -> list[Column]:
    return [
        Column("label", first, "label"),
        Column("total", pgettext("commitments", "Due")),
        Column("met", _("Met on time")),
        Column("met_late", _("Met late")),
        Column("missed", _("Missed")),
        Column("waived", _("Waived")),
        Column("overdue", _("Open and overdue")),
        Column("not_yet_due", _("Open, not yet due")),
        Column("on_time_rate", _("On time"), "percent"),
        Column("median", _("Median time to meet"), "minutes"),
        Column("p90", _("90th percentile time to meet"), "minutes"),
    ]


def compliance_row(label: str, row) -> dict:
    published = {"label": label, "key": row.key, "total": row.total, "met": row.met, "met_late": row.met_late,
                 "missed": row.missed, "waived": row.waived, "overdue": row.overdue,
                 "not_yet_due": row.not_yet_due}
    _suppress_row(published, COMPLIANCE_PARTS)
    met_count = sum(row.histogram.values())
    published["on_time_rate"] = _rate(row.met, row.decided, row.on_time_rate)
    published["median"] = _time(met_count, row.median_minutes)
    published["p90"] = _time(met_count, row.p90_minutes)
    return published


def compliance_table(rows, by: str, names: dict | None = None, title: str = "") -> Table:
    table = Table(title or _("Commitments by %(breakdown)s") % {"breakdown": breakdown_label(by).lower()},
                  compliance_columns(breakdown_label(by)))
    table.rows = [compliance_row(key_label(by, row.key, names), row) for row in rows]
    _suppress_column(table.rows, "total")
    return table


def fairness_table(rows, characteristic: str) -> Table:
    language = translation.get_language() or "en"
    table = Table(_("On time by %(characteristic)s") % {
        "characteristic": characteristic_label(characteristic, language).lower()}, [
        Column("label", characteristic_label(characteristic, language), "label"),
        Column("decided", _("Commitments due")),
        Column("met", _("Met on time")),
        Column("on_time_rate", _("On time"), "percent"),
        Column("interval", _("Confidence interval (95%)"), "interval"),
        Column("rest_rate", _("Everyone else"), "percent"),
        Column("differs", _("Differs beyond chance"), "flag"),
    ], note=_("A group is flagged when a two-proportion test gives p < 0.05 against everyone else. "
              "With many groups some flags arise by chance; look at the interval too."))
    for row in rows:
        comparison = row.comparison
        enough = comparison.trials >= threshold() and comparison.rest_trials >= threshold()
        published = {"label": group_label(characteristic, comparison.group, language), "key": comparison.group,
                     "decided": comparison.trials, "met": comparison.successes}
        if is_small(comparison.successes) or is_small(comparison.trials - comparison.successes):
            published["met"] = SUPPRESSED
        if is_small(comparison.trials):
            published["decided"] = SUPPRESSED
        published["on_time_rate"] = _rate(comparison.successes, comparison.trials, comparison.rate)
        published["interval"] = _rate(comparison.successes, comparison.trials, comparison.interval)
        published["rest_rate"] = _rate(comparison.rest_successes, comparison.rest_trials, comparison.rest_rate)
        published["differs"] = comparison.differs if enough else None
        table.rows.append(published)
    _suppress_column(table.rows, "decided")
    return table


def satisfaction_table(rows, by: str, names: dict | None = None) -> Table:
    columns = [Column("label", breakdown_label(by), "label"), Column("answered", _("Answered"))]
    columns += [Column(stage, str(STAGE_LABELS[stage]), "percent") for stage in STAGES]
    table = Table(_("Satisfied (very or fairly) by %(breakdown)s") % {"breakdown": breakdown_label(by).lower()},
                  columns)
    for row in rows:
        published = {"label": key_label(by, row.key, names), "key": row.key, "answered": row.answered}
        for stage in STAGES:
            published[stage] = _rate(row.satisfied(stage), row.answered, row.satisfied_rate(stage))
        table.rows.append(published)
    _suppress_column(table.rows, "answered")
    for published in table.rows:
        if published["answered"] is SUPPRESSED:
            for stage in STAGES:
                published[stage] = SUPPRESSED
    if by in CHARACTERISTICS:
        _compare_whole_experience(table, rows)
    return table


def _compare_whole_experience(table: Table, rows) -> None:
    """For a protected characteristic: each group's share satisfied with the whole experience, its interval,
    everyone else's share, and whether the gap is beyond chance (as fairness_table does for timeliness)."""
    table.columns += [Column("interval", _("Whole experience: confidence interval (95%)"), "interval"),
                      Column("rest_rate", _("Whole experience: everyone else"), "percent"),
                      Column("differs", _("Differs beyond chance"), "flag")]
    comparisons = satisfaction_comparison(rows, "whole_experience")
    for published, comparison in zip(table.rows, comparisons, strict=True):
        withheld = published["whole_experience"] is SUPPRESSED
        enough = comparison.trials >= threshold() and comparison.rest_trials >= threshold()
        published["interval"] = SUPPRESSED if withheld else _rate(comparison.successes, comparison.trials,
                                                                   comparison.interval)
        published["rest_rate"] = _rate(comparison.rest_successes, comparison.rest_trials, comparison.rest_rate)
        published["differs"] = comparison.differs if enough and not withheld else None


def return_table(areas) -> Table:
    table = Table(_("Victims' Code compliance return"), [
        Column("label", pgettext("of the return", "Area"), "label"),
        Column("total", pgettext("commitments", "Due")),
        Column("met", _("Met on time")),
        Column("on_time_rate", _("On time"), "percent"),
        Column("under_18_total", _("Due: victims under 18")),
        Column("under_18_rate", _("On time: victims under 18"), "percent"),
    ], note=_("Advance notice of the offender's release is given by the probation service's Victim Contact "
              "Scheme and is not recorded in Victim Care."))
    for area in areas:
        published = {"label": str(RETURN_AREA_LABELS[area.area]), "key": area.area}
        if not area.recorded:
            published.update(total=None, met=None, on_time_rate=None, under_18_total=None, under_18_rate=None)
        else:
            everyone, children = area.all_victims, area.under_18
            published.update(total=everyone.total, met=everyone.met,
                             on_time_rate=_rate(everyone.met, everyone.decided, everyone.on_time_rate),
                             under_18_total=children.total,
                             under_18_rate=_rate(children.met, children.decided, children.on_time_rate))
            for key in ("total", "met", "under_18_total"):
                if is_small(published[key]):
                    published[key] = SUPPRESSED
        table.rows.append(published)
    return table
