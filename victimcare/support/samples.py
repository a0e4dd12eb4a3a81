"""Sample Gwent entries for the directory of victims' services, clearly marked as sample data
(is_sample=True; drama-range phone numbers and .example addresses). Loaded by the demo; the real
directory is kept by an administrator on the directory pages."""

from victimcare.organisations.models import Organisation
from victimcare.support.models import SupportNeed as Need
from victimcare.support.models import SupportService

SAMPLE_NOTE_EN = " Sample entry: not a real service's details."
SAMPLE_NOTE_CY = " Cofnod enghreifftiol: nid manylion gwasanaeth go iawn."
OFFICE_HOURS_EN, OFFICE_HOURS_CY = "Monday to Friday, 9am to 5pm", "Dydd Llun i ddydd Gwener, 9am i 5pm"

SAMPLES = [
    {"organisation": "connect-gwent", "name_en": "Connect Gwent", "name_cy": "Connect Gwent",
     "summary_en": "The victim hub for Gwent: free, confidential emotional and practical support for anyone "
                   "affected by crime, and a way in to the specialist services.",
     "summary_cy": "Hyb dioddefwyr Gwent: cymorth emosiynol ac ymarferol am ddim a chyfrinachol i unrhyw un y "
                   "mae trosedd wedi effeithio arno, a ffordd at y gwasanaethau arbenigol.",
     "needs": [Need.EMOTIONAL, Need.PRACTICAL, Need.SAFETY, Need.COURT, Need.FINANCIAL, Need.HOUSING,
               Need.MENTAL_HEALTH, Need.BEREAVEMENT],
     "languages": ["en", "cy"], "phone": "01632 960010", "email": "help@connect-gwent.example",
     "website": "https://connect-gwent.example",
     "opening_hours_en": "Monday to Friday, 8am to 8pm; Saturday, 9am to 5pm",
     "opening_hours_cy": "Dydd Llun i ddydd Gwener, 8am i 8pm; dydd Sadwrn, 9am i 5pm"},
    {"organisation": "victim-support-gwent", "name_en": "Victim Support (Gwent)",
     "name_cy": "Cymorth i Ddioddefwyr (Gwent)",
     "summary_en": "Emotional support, practical help and safety advice after any crime, and support through "
                   "court as a witness.",
     "summary_cy": "Cymorth emosiynol, help ymarferol a chyngor ar ddiogelwch ar ôl unrhyw drosedd, a chymorth "
                   "drwy'r llys fel tyst.",
     "needs": [Need.EMOTIONAL, Need.PRACTICAL, Need.SAFETY, Need.COURT],
     "languages": ["en", "cy"], "phone": "01632 960011", "email": "gwent@victim-support.example",
     "website": "https://victim-support.example/gwent"},
    {"organisation": "new-pathways", "name_en": "New Pathways", "name_cy": "Llwybrau Newydd",
     "summary_en": "Specialist support after rape, sexual assault or abuse, including independent sexual violence "
                   "advisers (ISVA) and counselling, for people of any age.",
     "summary_cy": "Cymorth arbenigol ar ôl trais rhywiol, ymosodiad rhywiol neu gam-drin, gan gynnwys cynghorwyr "
                   "trais rhywiol annibynnol (ISVA) a chwnsela, i bobl o unrhyw oed.",
     "needs": [Need.SEXUAL_VIOLENCE], "crime_categories": ["violent-crime"],
     "languages": ["en", "cy"], "phone": "01632 960012", "email": "referrals@new-pathways.example",
     "website": "https://new-pathways.example"},
    {"organisation": None, "name_en": "Gwent domestic abuse support", "name_cy": "Cymorth cam-drin domestig Gwent",
     "summary_en": "Independent domestic violence advisers (IDVA), safety planning and refuge for anyone "
                   "experiencing domestic abuse.",
     "summary_cy": "Cynghorwyr trais domestig annibynnol (IDVA), cynllunio diogelwch a lloches i unrhyw un sy'n "
                   "profi cam-drin domestig.",
     "needs": [Need.DOMESTIC_ABUSE], "languages": ["en", "cy", "Polish", "Urdu"], "phone": "01632 960013",
     "email": "support@gwent-domestic-abuse.example", "opening_hours_en": "24 hours, every day",
     "opening_hours_cy": "24 awr, bob dydd"},
    {"organisation": None, "name_en": "Age Cymru Gwent", "name_cy": "Age Cymru Gwent",
     "summary_en": "Support for older people affected by crime, including scams and fraud, and help to feel safe "
                   "at home.",
     "summary_cy": "Cymorth i bobl hŷn y mae trosedd wedi effeithio arnynt, gan gynnwys sgamiau a thwyll, a help "
                   "i deimlo'n ddiogel gartref.",
     "needs": [Need.OLDER_PEOPLE, Need.PRACTICAL, Need.FINANCIAL], "min_age": 60, "languages": ["en", "cy"],
     "phone": "01632 960014", "email": "advice@age-cymru-gwent.example"},
    {"organisation": None, "name_en": "Hate crime support Wales", "name_cy": "Cymorth troseddau casineb Cymru",
     "summary_en": "Support and advocacy for victims of hate crime, in many languages.",
     "summary_cy": "Cymorth ac eiriolaeth i ddioddefwyr troseddau casineb, mewn llawer o ieithoedd.",
     "needs": [Need.HATE_CRIME], "languages": ["en", "cy", "Arabic", "Polish", "Romanian", "Urdu"],
     "phone": "01632 960015", "email": "report@hate-crime-wales.example"},
    {"organisation": None, "name_en": "Gwent young victims' service", "name_cy": "Gwasanaeth dioddefwyr ifanc Gwent",
     "summary_en": "Support for children and young people under 18 affected by crime, and for their families.",
     "summary_cy": "Cymorth i blant a phobl ifanc dan 18 oed y mae trosedd wedi effeithio arnynt, ac i'w "
                   "teuluoedd.",
     "needs": [Need.CHILDREN, Need.EMOTIONAL], "max_age": 17, "languages": ["en", "cy"],
     "phone": "01632 960016", "email": "young.victims@gwent.example"},
]


def load_sample_services() -> list[SupportService]:
    """Create the sample entries that are not there yet (by English name), linking each to its
    organisation where that exists. Safe to run again."""
    organisations = {o.code: o for o in Organisation.objects.filter(kind=Organisation.Kind.VICTIM_SERVICE)}
    made = []
    for spec in SAMPLES:
        values = dict(spec)
        code = values.pop("organisation")
        values["summary_en"] += SAMPLE_NOTE_EN
        values["summary_cy"] += SAMPLE_NOTE_CY
        values.setdefault("opening_hours_en", OFFICE_HOURS_EN)
        values.setdefault("opening_hours_cy", OFFICE_HOURS_CY)
        organisation = organisations.get(code) if code else None
        if organisation is not None and hasattr(organisation, "support_service"):
            made.append(organisation.support_service)
            continue
        service, _ = SupportService.objects.get_or_create(
            name_en=values.pop("name_en"), is_sample=True, defaults={**values, "organisation": organisation})
        if organisation is not None and service.organisation_id is None:
            service.organisation = organisation
            service.save(update_fields=["organisation"])
        made.append(service)
    return made


def sample_service(code: str) -> SupportService:
    """The sample entry for the victim service organisation `code` (loading the samples if need be)."""
    load_sample_services()
    return SupportService.objects.get(organisation__code=code)
