"""The tables of each dashboard page: one function a page, used both for the screen and for its CSV and
Excel files, so that what a page shows and what it exports cannot differ. Figures come from
`figures`; suppression and labels from `publish`."""

from victimcare.monitoring import figures, publish
from victimcare.monitoring.figures import Filters
from victimcare.monitoring.publish import Table


def overview_tables(filters: Filters, names: dict) -> list[Table]:
    """Every charter standard, then the trend by month."""
    return [
        publish.compliance_table(figures.compliance(filters, "standard"), "standard"),
        publish.compliance_table(figures.compliance(filters, "month"), "month"),
    ]


def compliance_tables(filters: Filters, by: str, names: dict) -> list[Table]:
    return [publish.compliance_table(figures.compliance(filters, by), by, names.get(by))]


def fairness_tables(filters: Filters, characteristic: str) -> list[Table]:
    """On time, then satisfied, for each group of one protected characteristic."""
    return [
        publish.fairness_table(figures.fairness(filters, characteristic), characteristic),
        publish.satisfaction_table(figures.satisfaction(filters, characteristic), characteristic),
    ]


def satisfaction_tables(filters: Filters, by: str, names: dict) -> list[Table]:
    return [publish.satisfaction_table(figures.satisfaction(filters, by), by, names.get(by))]


def quarterly_return_tables(year: int, quarter: int, filters: Filters) -> list[Table]:
    return [publish.return_table(figures.quarterly_return(year, quarter, filters))]
