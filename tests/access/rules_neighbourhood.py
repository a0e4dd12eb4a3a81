"""Access rules for the neighbourhood URLs (see tests/access/rules.py for the personas and helpers).

The feed is for neighbourhood team members and partner agency users (an agency following no feed sees an
empty one); other roles get 403. A notice: the team it went to, and partners following that team's feed;
404 for everyone else, as for any object they may not see. Acting on a notice (acknowledge, local action):
team members only; a partner who can see it gets 403. Incidents that reached no team: supervisors (their
units' cases) and team members (their force's, as a summary); 403 for the rest. Subscriptions: partner users.
Which team covers which ward: administrators."""

from tests.access.rules import From, Rule, signed_in

FEED = signed_in(403, neighbourhood=200, partner=200, other_partner=200)
NOTICE = signed_in(404, neighbourhood=200, partner=200)
ACT_ON_NOTICE = signed_in(404, neighbourhood=302, partner=403)
_NOTICE = {"notice_id": From("notice")}
ADMINISTRATORS = signed_in(403, administrator=200, information_rights=403)

RULES: dict[str, Rule] = {
    "neighbourhood:feed": Rule(FEED),
    "neighbourhood:notice": Rule(NOTICE, kwargs=_NOTICE),
    "neighbourhood:acknowledge": Rule(ACT_ON_NOTICE, method="post", data={}, kwargs=_NOTICE),
    "neighbourhood:local-action": Rule(ACT_ON_NOTICE, method="post", data={"text": "Extra patrols"}, kwargs=_NOTICE),
    "neighbourhood:unrouted": Rule(signed_in(403, supervisor=200, neighbourhood=200)),
    "neighbourhood:subscriptions": Rule(signed_in(403, partner=200, other_partner=200)),
    "neighbourhood:teams": Rule(ADMINISTRATORS),
    "neighbourhood:default-teams": Rule(ADMINISTRATORS),
    "neighbourhood:team-wards": Rule(ADMINISTRATORS, kwargs={"team_id": From("team")}),
}
