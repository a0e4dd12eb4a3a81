"""How the court app's timeline events read, in English and Welsh: (kind, data, English, Welsh).
tests/web/test_timeline.py checks every one and that every kind has one."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind

EXAMPLES: list = [
    (
        Kind.PROSECUTION_STARTED,
        {
            "prosecution": 1,
            "court": "Cardiff Crown Court",
            "unit": 2,
            "unit_name": "Gwent Witness Care Unit",
            "unit_name_cy": "Uned Gofal Tystion Gwent",
            "charge": "Wounding with intent",
        },
        "The suspect was charged; the case goes to Cardiff Crown Court. Gwent Witness Care Unit keeps the "
        "victim informed from now on.",
        "Cafodd y sawl a amheuir ei gyhuddo; mae'r achos yn mynd i Cardiff Crown Court. Uned Gofal Tystion "
        "Gwent fydd yn rhoi'r wybodaeth ddiweddaraf i'r dioddefwr o hyn ymlaen.",
    ),
    (
        Kind.COURT_NEWS_RECEIVED,
        {
            "prosecution": 1,
            "news": "hearing_listed",
            "received_at": "2026-08-28T15:55:00+00:00",
            "hearing": 3,
            "details": "",
            "hearing_kind": "trial",
            "starts_at": "2026-10-12T09:00:00+00:00",
            "place": "Court 3",
        },
        "Court news received by the Witness Care Unit on 28 August 2026, 16:55: trial listed for 12 October "
        "2026, 10:00, Court 3.",
        "Newyddion llys a ddaeth i law'r Uned Gofal Tystion ar 28 Awst 2026, 16:55: treial wedi'i restru ar "
        "gyfer 12 Hydref 2026, 10:00, Court 3.",
    ),
    (
        Kind.COURT_NEWS_RECEIVED,
        {
            "prosecution": 1,
            "news": "hearing_moved",
            "received_at": "2026-09-02T08:30:00+00:00",
            "hearing": 3,
            "details": "",
            "hearing_kind": "trial",
            "starts_at": "2026-10-19T09:00:00+00:00",
            "place": "Court 3",
            "was": "2026-10-12T09:00:00+00:00",
        },
        "Court news received by the Witness Care Unit on 2 September 2026, 09:30: trial moved to 19 October "
        "2026, 10:00.",
        "Newyddion llys a ddaeth i law'r Uned Gofal Tystion ar 2 Medi 2026, 09:30: treial wedi'i symud i 19 "
        "Hydref 2026, 10:00.",
    ),
    (
        Kind.COURT_NEWS_RECEIVED,
        {
            "prosecution": 1,
            "news": "hearing_vacated",
            "received_at": "2026-09-02T08:30:00+00:00",
            "hearing": 3,
            "details": "Defendant ill",
            "hearing_kind": "plea",
            "starts_at": "2026-09-07T09:00:00+00:00",
            "place": "",
        },
        "Court news received by the Witness Care Unit on 2 September 2026, 09:30: plea hearing on 7 September "
        "2026, 10:00 cancelled.",
        "Newyddion llys a ddaeth i law'r Uned Gofal Tystion ar 2 Medi 2026, 09:30: gwrandawiad ple ar 7 Medi "
        "2026, 10:00 wedi'i ganslo.",
    ),
    (
        Kind.COURT_NEWS_RECEIVED,
        {
            "prosecution": 1,
            "news": "plea",
            "received_at": "2026-09-07T11:00:00+00:00",
            "hearing": 3,
            "details": "",
            "hearing_kind": "plea",
            "plea": "not_guilty",
        },
        "Court news received by the Witness Care Unit on 7 September 2026, 12:00: not guilty plea.",
        "Newyddion llys a ddaeth i law'r Uned Gofal Tystion ar 7 Medi 2026, 12:00: ple dieuog.",
    ),
    (
        Kind.COURT_NEWS_RECEIVED,
        {
            "prosecution": 1,
            "news": "verdict",
            "received_at": "2026-10-20T15:00:00+00:00",
            "hearing": 3,
            "details": "",
            "hearing_kind": "trial",
            "verdict": "guilty",
        },
        "Court news received by the Witness Care Unit on 20 October 2026, 16:00: found guilty.",
        "Newyddion llys a ddaeth i law'r Uned Gofal Tystion ar 20 Hydref 2026, 16:00: cafwyd yn euog.",
    ),
    (
        Kind.COURT_NEWS_RECEIVED,
        {
            "prosecution": 1,
            "news": "sentence",
            "received_at": "2026-11-16T14:00:00+00:00",
            "hearing": 4,
            "details": "",
            "hearing_kind": "sentencing",
            "custody_months": 18,
            "non_custodial": "",
        },
        "Court news received by the Witness Care Unit on 16 November 2026, 14:00: sentenced to 18 months' custody.",
        "Newyddion llys a ddaeth i law'r Uned Gofal Tystion ar 16 Tachwedd 2026, 14:00: dedfrydwyd i 18 mis "
        "yn y ddalfa.",
    ),
    (
        Kind.COURT_NEWS_RECEIVED,
        {
            "prosecution": 1,
            "news": "bail_outcome",
            "received_at": "2026-08-27T13:00:00+00:00",
            "hearing": 5,
            "details": "Not to contact the victim",
            "hearing_kind": "bail",
            "bail": "granted",
        },
        "Court news received by the Witness Care Unit on 27 August 2026, 14:00: bail granted with conditions.",
        "Newyddion llys a ddaeth i law'r Uned Gofal Tystion ar 27 Awst 2026, 14:00: mechnïaeth wedi'i rhoi "
        "gydag amodau.",
    ),
    (
        Kind.COURT_NEWS_RECEIVED,
        {
            "prosecution": 1,
            "news": "warrant_issued",
            "received_at": "2026-08-27T13:00:00+00:00",
            "hearing": None,
            "details": "",
        },
        "Court news received by the Witness Care Unit on 27 August 2026, 14:00: warrant issued.",
        "Newyddion llys a ddaeth i law'r Uned Gofal Tystion ar 27 Awst 2026, 14:00: gwarant wedi'i chyhoeddi.",
    ),
    (
        Kind.COURT_NEWS_TOLD,
        {"prosecution": 1, "news_item": 6, "news": "hearing_listed", "how": "phone"},
        "The victim was told the court news (hearing date, time and place): by phone.",
        "Dywedwyd newyddion y llys wrth y dioddefwr (dyddiad, amser a lleoliad y gwrandawiad): dros y ffôn.",
    ),
    (
        Kind.WITNESS_NEEDS_ASSESSED,
        {"prosecution": 1, "entry": 7, "note": "", "needs": ["anxiety", "childcare"]},
        "The victim's needs as a witness were assessed: anxiety about giving evidence; childcare.",
        "Aseswyd anghenion y dioddefwr fel tyst: pryder am roi tystiolaeth; gofal plant.",
    ),
    (
        Kind.SPECIAL_MEASURES_REQUESTED,
        {"prosecution": 1, "entry": 8, "note": "", "measures": ["screens", "live_link"]},
        "Special measures requested: screens; live link.",
        "Gofynnwyd am fesurau arbennig: sgriniau; cyswllt byw.",
    ),
    (
        Kind.SPECIAL_MEASURES_DECIDED,
        {"prosecution": 1, "entry": 9, "note": "", "measures": ["screens"], "decision": "granted"},
        "The court granted special measures: screens.",
        "Caniataodd y llys fesurau arbennig: sgriniau.",
    ),
    (
        Kind.SPECIAL_MEASURES_DECIDED,
        {"prosecution": 1, "entry": 9, "note": "", "measures": ["live_link"], "decision": "refused"},
        "The court refused special measures: live link.",
        "Gwrthododd y llys fesurau arbennig: cyswllt byw.",
    ),
    (
        Kind.PRE_TRIAL_VISIT,
        {"prosecution": 1, "entry": 10, "note": "", "outcome": "done"},
        "The victim made a pre-trial visit to the court.",
        "Ymwelodd y dioddefwr â'r llys cyn y treial.",
    ),
    (
        Kind.EXPENSES_INFORMATION_GIVEN,
        {"prosecution": 1, "entry": 11, "note": ""},
        "The victim was given information about claiming expenses for going to court.",
        "Cafodd y dioddefwr wybodaeth am hawlio treuliau am fynd i'r llys.",
    ),
    (
        Kind.VPS_OFFERED,
        {"prosecution": 1, "entry": 12, "note": ""},
        "The victim was offered the chance to make a Victim Personal Statement.",
        "Cynigiwyd cyfle i'r dioddefwr wneud Datganiad Personol y Dioddefwr.",
    ),
    (
        Kind.VPS_MADE,
        {"prosecution": 1, "entry": 13, "note": "", "made_on": "2026-09-14"},
        "The victim made a Victim Personal Statement on 14 September 2026.",
        "Gwnaeth y dioddefwr Ddatganiad Personol y Dioddefwr ar 14 Medi 2026.",
    ),
    (
        Kind.VPS_DECLINED,
        {"prosecution": 1, "entry": 14, "note": ""},
        "The victim chose not to make a Victim Personal Statement.",
        "Dewisodd y dioddefwr beidio â gwneud Datganiad Personol y Dioddefwr.",
    ),
    (
        Kind.VPS_AT_SENTENCING,
        {"prosecution": 1, "entry": 15, "note": "", "use": "read_aloud"},
        "At sentencing the Victim Personal Statement was read aloud in court.",
        "Wrth ddedfrydu, darllenwyd Datganiad Personol y Dioddefwr yn uchel yn y llys.",
    ),
    (
        Kind.VCS_REFERRED,
        {
            "prosecution": 1,
            "entry": 16,
            "note": "",
            "probation": 17,
            "probation_name": "Probation Gwent",
            "probation_name_cy": "Prawf Gwent",
        },
        "Referred to Probation Gwent for the Victim Contact Scheme.",
        "Atgyfeiriwyd at Prawf Gwent ar gyfer y Cynllun Cyswllt Dioddefwyr.",
    ),
    (
        Kind.VCS_CONTACTED,
        {"prosecution": 1, "entry": 18, "note": ""},
        "Probation made first contact with the victim under the Victim Contact Scheme.",
        "Gwnaeth y gwasanaeth prawf y cyswllt cyntaf â'r dioddefwr dan y Cynllun Cyswllt Dioddefwyr.",
    ),
]
