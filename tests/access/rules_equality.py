"""Access rules for the equality monitoring and phone survey staff pages (see tests/access/rules.py for the
personas and helpers). Both record on the case, so they are for its unit's officers and supervisors, like any
change to it: 404 for anyone who cannot see the case, 403 for those who can but may not change it (the call
handler who recorded it, the Witness Care Unit). The equality answers are read nowhere else."""

from tests.access.rules import CASE_CHANGE, Rule

RULES: dict[str, Rule] = {
    "equality:case-answers": Rule(CASE_CHANGE),
    "satisfaction:record-by-phone": Rule(CASE_CHANGE),
}
