"""Access rules for the multiagency URLs (see tests/access/rules.py for the personas and helpers).

The police run the meetings: officers and supervisors of any unit of the force (other_officer included)
see and manage every meeting of the force. The call handler and the administrator neither run nor
attend meetings: 403. An agency's users see the meetings their organisation attends (partner and
caseworker: the meeting in tests/access/objects_multiagency.py); a meeting, agenda item or action of a
meeting their organisation does not attend is a 404. Only the owning agency's users may mark its action
done; only the police cancel one. Flagging and withdrawing a flag are changes to the case."""

from tests.access.rules import CASE_CHANGE, NOT_POLICE, From, Rule, signed_in

# Property officers keep the force's property register; they neither run nor attend meetings.
NOT_IN_MEETINGS = {"call_handler": 403, "administrator": 403, "property_officer": 403, "witness_care": 403}
POLICE_ONLY_PAGE = signed_in(200, **{**NOT_IN_MEETINGS, **NOT_POLICE})
# A police page about one of the meeting's objects: agencies get 404, attending or not.
POLICE_OBJECT = signed_in(200, **NOT_IN_MEETINGS, caseworker=404, other_caseworker=404, neighbourhood=404,
                          partner=404, other_partner=404)
MEETING = {**POLICE_OBJECT, "caseworker": 200, "partner": 200}

RULES: dict[str, Rule] = {
    # Everyone who runs or attends meetings has a list (an agency that attends none sees an empty one).
    "multiagency:meetings": Rule(signed_in(200, **NOT_IN_MEETINGS)),
    "multiagency:meeting-create": Rule(POLICE_ONLY_PAGE),
    "multiagency:flagged": Rule(POLICE_ONLY_PAGE),
    "multiagency:meeting": Rule(MEETING, kwargs={"meeting_id": From("meeting")}),
    # Attending agencies may see the meeting but not add to its agenda: 403; the others: 404.
    "multiagency:agenda-add": Rule({**MEETING, "caseworker": 403, "partner": 403},
                                   kwargs={"meeting_id": From("meeting")}),
    "multiagency:action-add": Rule(POLICE_OBJECT, kwargs={"item_id": From("agenda_item")}),
    "multiagency:action-done": Rule({**POLICE_OBJECT, "partner": 200}, kwargs={"action_id": From("action")}),
    "multiagency:action-cancel": Rule(POLICE_OBJECT, kwargs={"action_id": From("action")}),
    # The flag form answers the case's unit (it says the case is already flagged).
    "multiagency:flag": Rule(CASE_CHANGE),
    # The shared case's flag is on an agenda, so there is no flag awaiting a meeting to withdraw: 404 for the
    # case's unit too (tests/multiagency/test_views.py withdraws one).
    "multiagency:withdraw": Rule({**CASE_CHANGE, "officer": 404, "colleague": 404, "supervisor": 404}),
}
