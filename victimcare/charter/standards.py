"""The ten standards of the Gwent Victims' Charter, and what the system measures for each.

Plain Python, no Django: rules, screens and monitoring all read this one registry.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Standard:
    number: int
    title_en: str
    title_cy: str
    measures_en: str
    measures_cy: str

    def title(self, language: str) -> str:
        return self.title_cy if language == "cy" else self.title_en

    def measures(self, language: str) -> str:
        return self.measures_cy if language == "cy" else self.measures_en


STANDARDS: tuple[Standard, ...] = (
    Standard(
        1,
        "Fair treatment by every organisation",
        "Triniaeth deg gan bob sefydliad",
        "Every other measure compared across victims' self-declared backgrounds; complaints acknowledged "
        "within 10 working days.",
        "Pob mesur arall wedi'i gymharu ar draws cefndiroedd y mae dioddefwyr yn eu datgan; cydnabod cwynion "
        "o fewn 10 diwrnod gwaith.",
    ),
    Standard(
        2,
        "A timely response fitted to the offence and its effect on the victim",
        "Ymateb amserol sy'n addas i'r drosedd a'i heffaith ar y dioddefwr",
        "Attendance against the target time of the response grade, or the victim's choice not to have an "
        "officer attend.",
        "Presenoldeb o'i gymharu ag amser targed y radd ymateb, neu ddewis y dioddefwr i beidio â chael "
        "swyddog yn dod.",
    ),
    Standard(
        3,
        "The right questions at first contact",
        "Y cwestiynau cywir yn ystod y cyswllt cyntaf",
        "A first-contact assessment completed: THRIVE, needs, vulnerability, repeat victim, enhanced rights.",
        "Asesiad cyswllt cyntaf wedi'i gwblhau: THRIVE, anghenion, bod yn agored i niwed, dioddefwr mynych, "
        "hawliau uwch.",
    ),
    Standard(
        4,
        "Updates agreed with the victim",
        "Diweddariadau fel y cytunwyd â'r dioddefwr",
        "Agreed updates made on time; key investigation decisions told within 1 working day (enhanced "
        "rights) or 5.",
        "Diweddariadau y cytunwyd arnynt wedi'u rhoi mewn pryd; penderfyniadau allweddol yr ymchwiliad wedi'u "
        "rhannu o fewn 1 diwrnod gwaith (hawliau uwch) neu 5.",
    ),
    Standard(
        5,
        "Access to victims' services, with opt-out once recovered",
        "Mynediad at wasanaethau i ddioddefwyr, gyda'r dewis i optio allan ar ôl gwella",
        "Service details given at first contact; referral to support within 2 working days where the victim "
        "agrees.",
        "Manylion gwasanaethau wedi'u rhoi yn ystod y cyswllt cyntaf; atgyfeirio at gymorth o fewn 2 ddiwrnod "
        "gwaith pan fo'r dioddefwr yn cytuno.",
    ),
    Standard(
        6,
        "The neighbourhood team and partners aware of the incident",
        "Y tîm plismona bro a phartneriaid yn ymwybodol o'r digwyddiad",
        "Every incident reaches its area's neighbourhood team, who acknowledge it.",
        "Pob digwyddiad yn cyrraedd tîm plismona bro yr ardal, sy'n ei gydnabod.",
    ),
    Standard(
        7,
        "Sharing with consent, and multi-agency case management",
        "Rhannu gyda chaniatâd, a rheoli achosion amlasiantaethol",
        "Purpose-specific consent; every disclosure logged; multi-agency actions done by their due dates.",
        "Caniatâd at ddiben penodol; cofnod o bob datgeliad; camau amlasiantaethol wedi'u cwblhau erbyn eu "
        "dyddiadau.",
    ),
    Standard(
        8,
        "Kept informed and supported through court",
        "Cael gwybod a chael cymorth drwy'r llys",
        "Hearing dates, outcomes and whether the victim must give evidence told within 1 working day of "
        "receipt; Victim Personal Statement offered.",
        "Dyddiadau gwrandawiadau, canlyniadau ac a oes rhaid i'r dioddefwr roi tystiolaeth wedi'u rhannu o "
        "fewn 1 diwrnod gwaith; cynnig Datganiad Personol y Dioddefwr.",
    ),
    Standard(
        9,
        "Property returned as soon as it is no longer needed",
        "Eiddo'n cael ei ddychwelyd cyn gynted ag nad oes ei angen mwyach",
        "Chain of custody kept; a return commitment with a due date once the item is no longer needed.",
        "Cadwyn gadwraeth wedi'i chadw; ymrwymiad i ddychwelyd gyda dyddiad dyledus unwaith nad oes angen yr "
        "eitem.",
    ),
    Standard(
        10,
        "The Commissioner monitors how well everyone delivers",
        "Y Comisiynydd yn monitro pa mor dda y mae pawb yn cyflawni",
        "Live compliance figures per standard, organisation, area and period, and victim satisfaction.",
        "Ffigurau cydymffurfio byw fesul safon, sefydliad, ardal a chyfnod, a bodlonrwydd dioddefwyr.",
    ),
)

STANDARDS_BY_NUMBER: dict[int, Standard] = {s.number: s for s in STANDARDS}
