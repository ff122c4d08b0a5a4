"""Shared phrase data for the demo answer generator.

Templates use a tiny mini-language that :mod:`surveyapp.demo.texts` expands:

* ``{a|b|c}`` picks one alternative (an empty alternative, ``{a|}``, makes a word optional);
* ``<own>`` is the respondent's own service in definite form ("barnehagen", "skolen" ...);
* ``<other>`` is some other service ("PPT", "barnevernet", "BUP" ...).

All text is bokmål; :mod:`surveyapp.demo.nynorsk` converts it when an answer is written in nynorsk.
"""

from __future__ import annotations

SERVICES: tuple[str, ...] = (
    "Barnehage",
    "Skole/SFO",
    "Helsestasjon/skolehelsetjeneste",
    "PPT",
    "Barnevern",
    "NAV",
    "Psykisk helse og rus",
    "Kultur/fritid",
    "Politi/SLT",
    "Frivillig",
    "Annet",
)

ROLES: tuple[str, ...] = (
    "Ansatt",
    "Leder",
    "Forelder",
    "Ungdom",
    "Samarbeidspartner",
    "Organisasjon",
)

AGE_GROUPS: tuple[str, ...] = ("13–14", "15–16", "17–18")

# Definite form used for <own>.
OWN_SERVICE: dict[str, str] = {
    "Barnehage": "barnehagen",
    "Skole/SFO": "skolen",
    "Helsestasjon/skolehelsetjeneste": "helsestasjonen",
    "PPT": "PPT",
    "Barnevern": "barnevernet",
    "NAV": "NAV",
    "Psykisk helse og rus": "psykisk helse og rus",
    "Kultur/fritid": "fritidsklubben",
    "Politi/SLT": "politiet",
    "Frivillig": "laget",
    "Annet": "tjenesten",
}

# Candidates for <other>; the own service is skipped when it is in the list.
OTHER_SERVICES: tuple[str, ...] = (
    "PPT",
    "barnevernet",
    "BUP",
    "helsestasjonen",
    "skolen",
    "barnehagen",
    "NAV",
    "psykisk helse og rus",
    "fastlegen",
    "familievernet",
    "voksenpsykiatrien",
    "skolehelsetjenesten",
)

# A short self-introduction that colours a staff answer with the respondent's service.
SERVICE_INTROS: dict[str, tuple[str, ...]] = {
    "Barnehage": (
        "Jobber i barnehage.",
        "Fra barnehagen:",
        "Barnehagelærer her.",
        "Styrer i en liten barnehage.",
        "Vi har mange {små barn|ettåringer|barn under tre år} hos oss.",
    ),
    "Skole/SFO": (
        "Lærer på barneskolen.",
        "Jobber på ungdomsskolen.",
        "Fra skolens side:",
        "Kontaktlærer på {5.|6.|7.|8.|9.|10.} trinn.",
        "Jobber på SFO.",
        "Sosiallærer her.",
    ),
    "Helsestasjon/skolehelsetjeneste": (
        "Helsesykepleier her.",
        "Fra helsestasjonen:",
        "Jobber i skolehelsetjenesten.",
        "Jordmor på helsestasjonen.",
        "Helsesykepleier på {to|tre|fire} skoler.",
    ),
    "PPT": ("Fra PPT:", "Jobber i PPT.", "PP-rådgiver her."),
    "Barnevern": (
        "Fra barnevernet:",
        "Saksbehandler i barnevernet.",
        "Jobber i barneverntjenesten.",
    ),
    "NAV": ("Fra NAV:", "Veileder i NAV.", "Jobber med familier i NAV."),
    "Psykisk helse og rus": (
        "Jobber i psykisk helse og rus.",
        "Fra psykisk helsetjeneste for barn og unge:",
        "Ruskonsulent her.",
    ),
    "Kultur/fritid": (
        "Jobber på fritidsklubb.",
        "Fra kultur:",
        "Ungdomsarbeider her.",
        "Jobber med fritidstilbud for barn og unge.",
    ),
    "Politi/SLT": ("SLT-koordinator her.", "Fra politiet:", "Forebyggende politi her."),
    "Frivillig": (
        "Frivillig i idrettslaget.",
        "Fra frivilligsentralen:",
        "Trener for et jentelag.",
    ),
    "Annet": (
        "Jobber i tannhelsetjenesten.",
        "Fra flyktningtjenesten:",
        "Jobber i koordinerende enhet.",
        "Fastlege her.",
    ),
}

ROLE_INTROS: dict[str, tuple[str, ...]] = {
    "Leder": (
        "Som leder:",
        "Fra et ledelsesperspektiv:",
        "Leder for {en barnehage|en skole|en enhet|en tjeneste} her.",
        "Sett fra lederstolen:",
    ),
    "Forelder": (
        "Som forelder:",
        "Jeg er mor til {to|tre|fire} barn.",
        "Jeg er far til en gutt på {8|11|12|14}.",
        "Fra en forelders ståsted:",
        "Mor til en jente med {ADHD|angst|spesielle behov}.",
        "Er alenemor.",
    ),
    "Ungdom": ("Jeg er {14|15|16|17}.", "Som ungdom:", "Går i {9.|10.} klasse.", "Går på vgs."),
    "Samarbeidspartner": (
        "Fra BUP sin side:",
        "Jobber i familievernet.",
        "Vi i videregående skole:",
        "Fra spesialisthelsetjenesten:",
        "Fra politiet:",
    ),
    "Organisasjon": (
        "Fra idrettslaget:",
        "Fra frivilligsentralen:",
        "Vi i {brukerorganisasjonen|foreningen|Røde Kors}:",
        "Fra en brukerorganisasjon:",
    ),
}

OPENERS_STAFF: tuple[str, ...] = (
    "Slik jeg ser det:",
    "Kort sagt:",
    "Ærlig talt:",
    "Min erfaring:",
    "Godt spørsmål.",
    "Her er det mye å si.",
    "Mange ting, men særlig dette:",
    "Det viktigste for oss:",
    "Tja.",
    "Hos oss:",
    "Vanskelig å svare kort på.",
    "Kort oppsummert:",
    "Det er flere ting.",
    "Jeg tenker dette:",
)

OPENERS_YOUTH: tuple[str, ...] = (
    "Ærlig:",
    "Tja..",
    "hmm",
    "Vanskelig spørsmål.",
    "Bor på bygda.",
    "Bor i sentrum.",
    "Kort sagt:",
    "ok så",
    "Synes det er sånn:",
    "Vet ikke helt, men",
)

OPENERS_PARENT: tuple[str, ...] = (
    "Kort sagt:",
    "Min erfaring:",
    "Ærlig talt:",
    "Det er mye, men særlig dette:",
)

CONNECTORS: tuple[str, ...] = (
    "", "", "", "Og ", "I tillegg: ", "Ellers: ", "Noe annet: ", "Men også: ",
)
CONNECTORS_YOUTH: tuple[str, ...] = ("", "", "Og ", "og ", "Pluss ", "+ ")

CLOSERS_STAFF: tuple[str, ...] = (
    "Håper dette blir tatt med videre.",
    "Takk for at dere spør!",
    "Dette må prioriteres i planen.",
    "Det er i alle fall min erfaring.",
    "Lykke til med planen!",
    "Kan utdype mer om ønskelig.",
    "Mvh {en engasjert ansatt|en sliten ansatt|en som bryr seg}",
    "Det haster.",
    "Dette har vi sagt før.",
)

CLOSERS_YOUTH: tuple[str, ...] = ("takk", ":)", "!!", "Det er det.", "ja", "plis", "😊", "lol")

CLOSERS_PARENT: tuple[str, ...] = (
    "Takk for at dere spør foreldrene.",
    "Håper noen leser dette.",
    "Det er ikke lett å være forelder alene om dette.",
)

NON_ANSWERS: tuple[str, ...] = (
    "vet ikke",
    "Vet ikke",
    "-",
    "nei",
    "Nei",
    "ingen kommentar",
    "Ingen kommentar.",
    ".",
    "Usikker",
    "Har ikke noe å si her.",
    "x",
    "Ikke noe spesielt",
    "...",
    "se over",
    "Samme som over",
)

NON_ANSWERS_YOUTH: tuple[str, ...] = (
    "vet ikke",
    "vet ikke helt",
    "idk",
    "-",
    "nei",
    "ingenting",
    "??",
    "ikke noe",
    "hmm",
    "Vet ikke",
)
