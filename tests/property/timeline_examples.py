"""How the property app's timeline events read, in English and Welsh: (kind, data, English, Welsh).
tests/web/test_timeline.py checks every one and that every kind has one."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind

EXAMPLES: list = [
    (Kind.PROPERTY_SEIZED, {"item": 1, "exhibit": "OP/1", "description": "Black Samsung phone", "reason": "evidence",
                            "entry": 1, "from": "12 High Street", "from_cy": "12 High Street",
                            "to": "With the officer", "to_cy": "With the officer"},
     "Property taken: Black Samsung phone (exhibit OP/1), now at With the officer.",
     "Eiddo wedi'i gymryd: Black Samsung phone (arddangosyn OP/1), bellach yn With the officer."),
    (Kind.PROPERTY_MOVED, {"item": 1, "exhibit": "OP/1", "movement": "booked_in", "entry": 2, "note": "",
                           "from": "With the officer", "from_cy": "With the officer",
                           "to": "Newport Central property store, Shelf B3",
                           "to_cy": "Storfa eiddo Canol Casnewydd, Shelf B3"},
     "Exhibit OP/1 booked in: from With the officer to Newport Central property store, Shelf B3.",
     "Arddangosyn OP/1 (cofnodwyd i mewn): o With the officer i Storfa eiddo Canol Casnewydd, Shelf B3."),
    (Kind.PROPERTY_REVIEWED, {"item": 1, "exhibit": "OP/1", "next_review": "2027-03-01", "note": ""},
     "Exhibit OP/1 reviewed: still needed; next review on 1 March 2027.",
     "Adolygwyd arddangosyn OP/1: mae ei angen o hyd; yr adolygiad nesaf ar 1 Mawrth 2027."),
    (Kind.PROPERTY_NO_LONGER_NEEDED, {"item": 1, "exhibit": "OP/1", "kept_instead": "photograph", "note": ""},
     "Exhibit OP/1 is no longer needed and can go back to its owner. A photograph is kept instead of the original.",
     "Nid oes angen arddangosyn OP/1 mwyach a gall fynd yn ôl i'w berchennog. Cedwir ffotograff yn lle'r "
     "gwreiddiol."),
    (Kind.PROPERTY_OWNER_TOLD, {"item": 1, "exhibit": "OP/1", "how": "By phone", "disposal_on": "2027-01-15"},
     "The owner of exhibit OP/1 was told it can be collected. If it is not claimed it may be disposed of from "
     "15 January 2027.",
     "Dywedwyd wrth berchennog arddangosyn OP/1 y gellir ei gasglu. Os na chaiff ei hawlio, gellir ei waredu o "
     "15 Ionawr 2027 ymlaen."),
    (Kind.PROPERTY_RETURN_ARRANGED, {"item": 1, "exhibit": "OP/1", "on": "2026-12-02",
                                     "place": "Newport Central front counter", "note": ""},
     "Return of exhibit OP/1 arranged for 2 December 2026 at Newport Central front counter.",
     "Trefnwyd dychwelyd arddangosyn OP/1 ar 2 Rhagfyr 2026 yn Newport Central front counter."),
    (Kind.PROPERTY_RETURNED, {"item": 1, "exhibit": "OP/1", "entry": 3, "note": ""},
     "Exhibit OP/1 was returned to its owner.",
     "Dychwelwyd arddangosyn OP/1 i'w berchennog."),
    (Kind.PROPERTY_DISPOSAL_WARNING, {"item": 1, "exhibit": "OP/1", "days": 28, "disposal_on": "2027-01-15",
                                      "owner": 2},
     "Exhibit OP/1 has not been claimed: it may be disposed of in 28 days, from 15 January 2027.",
     "Nid yw arddangosyn OP/1 wedi'i hawlio: gellir ei waredu ymhen 28 diwrnod, o 15 Ionawr 2027 ymlaen."),
    (Kind.PROPERTY_DISPOSED, {"item": 1, "exhibit": "OP/1", "entry": 4, "note": ""},
     "Exhibit OP/1 was disposed of, unclaimed, under the Police (Property) Regulations 1997.",
     "Gwaredwyd arddangosyn OP/1, heb ei hawlio, dan Reoliadau'r Heddlu (Eiddo) 1997."),
]
