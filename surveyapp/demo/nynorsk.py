"""A small, deterministic bokmål → nynorsk converter for the demo phrases.

It is not a general translator: it knows the words the demo fragments use, plus a few suffix
and compound rules (-lig → -leg, tjeneste → teneste, skole → skule ...), which is enough for the
answers to read as plausible (informal) nynorsk. Case is preserved; all-caps words (BTI, PPT) and
tokens containing digits are left alone.
"""

from __future__ import annotations

import re

WORDS: dict[str, str] = {
    # pronouns, determiners, function words
    "jeg": "eg", "meg": "meg", "hun": "ho", "ham": "han", "de": "dei", "dem": "dei",
    "deres": "deira", "noe": "noko", "noen": "nokon", "ingenting": "ingenting",
    "hva": "kva", "hvem": "kven", "hvor": "kvar", "hvordan": "korleis", "hvorfor": "kvifor",
    "hvilke": "kva for", "hvilken": "kva for ein", "hver": "kvar", "hvert": "kvart",
    "hverandre": "kvarandre", "hverandres": "kvarandre sine", "hvis": "viss", "ikke": "ikkje",
    "mye": "mykje", "mer": "meir", "mest": "mest", "bare": "berre", "kun": "berre",
    "sammen": "saman", "hjemme": "heime", "hjem": "heim", "hjemmefra": "heimanfrå",
    "fra": "frå", "nå": "no", "da": "då", "mens": "medan", "selv": "sjølv", "sånn": "slik",
    "sånne": "slike", "enda": "endå", "ennå": "enno", "fortsatt": "framleis",
    "fremdeles": "framleis", "derfor": "difor", "igjen": "att", "etterpå": "etterpå",
    "gjennom": "gjennom", "uten": "utan", "mellom": "mellom", "hos": "hos", "disse": "desse",
    "egen": "eigen", "eget": "eige", "egne": "eigne", "annen": "annan", "annet": "anna",
    "andre": "andre", "ei": "ei", "en": "ein", "et": "eit", "én": "éin", "ett": "eitt",
    "alle": "alle", "begge": "begge", "slik": "slik", "også": "òg", "kanskje": "kanskje",
    "heller": "heller", "hennes": "hennar", "sin": "sin", "likevel": "likevel",
    "først": "først", "frem": "fram", "både": "både", "enn": "enn", "vel": "vel",
    "liksom": "liksom", "typ": "typ", "altså": "altså",
    # verbs
    "er": "er", "var": "var", "ble": "vart", "blir": "blir", "bli": "bli", "blitt": "blitt",
    "være": "vere", "vært": "vore", "har": "har", "hadde": "hadde", "gjør": "gjer",
    "gjøre": "gjere", "gjorde": "gjorde", "sier": "seier", "si": "seie", "sa": "sa",
    "vet": "veit", "vite": "vite", "visste": "visste", "tror": "trur", "tro": "tru",
    "synes": "synest", "syns": "synst", "trenger": "treng", "trengs": "trengst",
    "trengte": "trong", "mangler": "manglar", "manglet": "mangla", "virker": "verkar",
    "virket": "verka", "jobber": "jobbar", "snakker": "snakkar", "snakket": "snakka",
    "snakka": "snakka", "venter": "ventar", "ventet": "venta", "kommer": "kjem",
    "kom": "kom", "tar": "tek", "tok": "tok", "ser": "ser", "så": "så", "går": "går",
    "gikk": "gjekk", "får": "får", "fikk": "fekk", "kan": "kan", "kunne": "kunne",
    "skal": "skal", "skulle": "skulle", "vil": "vil", "ville": "ville", "må": "må",
    "måtte": "måtte", "burde": "burde", "bør": "bør", "følge": "følgje", "følger": "følgjer",
    "fulgte": "følgde", "spør": "spør", "spørre": "spørje", "spurte": "spurde", "høre": "høyre",
    "høres": "høyrast", "hørt": "høyrt", "hører": "høyrer", "ringe": "ringje",
    "ringer": "ringjer", "ringte": "ringde", "søke": "søkje", "søker": "søkjer",
    "øke": "auke", "øker": "aukar", "økt": "auka", "ønsker": "ønskjer", "ønske": "ønskje",
    "mener": "meiner", "mene": "meine", "henviser": "tilviser", "henviste": "tilviste",
    "henvise": "tilvise", "henvist": "tilvist", "slutter": "sluttar", "sluttet": "slutta",
    "starter": "startar", "startet": "starta", "bruker": "brukar", "brukes": "brukast",
    "brukte": "brukte", "koster": "kostar", "fungerer": "fungerer", "strever": "strevar",
    "sliter": "slit", "kjører": "køyrer", "kjørte": "køyrde", "kjøre": "køyre",
    "hjalp": "hjelpte", "hjulpet": "hjelpt", "gir": "gir", "gi": "gi", "ga": "gav",
    "gidder": "gidd", "prøver": "prøver", "melder": "melder", "meldte": "melde",
    "maser": "masar", "lever": "lever", "forsvinner": "forsvinn", "forsvant": "forsvann",
    "holder": "held", "henger": "heng", "sitter": "sit", "står": "står", "sto": "stod",
    "ligger": "ligg", "skjer": "skjer", "skjedde": "skjedde", "vokser": "veks",
    "faller": "fell", "kastet": "kasta", "mister": "mistar", "mistet": "mista",
    "stopper": "stoppar", "stoppe": "stoppe", "ordnet": "ordna", "hentet": "henta",
    "tilpasset": "tilpassa", "valgte": "valde", "tillot": "tillét", "skjønner": "skjønar",
    "skjønte": "skjøna", "forteller": "fortel", "fortelle": "fortelje", "fortalt": "fortalt",
    "bestemme": "bestemme", "bestemmer": "bestemmer", "gripe": "gripe", "lytter": "lyttar",
    "savner": "saknar", "sover": "søv", "sove": "sove", "spiller": "spelar", "spille": "spele",
    "kjenner": "kjenner", "oppdager": "oppdagar", "samarbeider": "samarbeider",
    "møtes": "møtest", "treffes": "treffast", "skriver": "skriv", "sendes": "sendast",
    "gråtende": "gråtande", "ødelegger": "øydelegg", "ødelagt": "øydelagd",
    # nouns
    "barna": "borna", "ungdommer": "ungdomar", "ungdommene": "ungdomane",
    "ungdommen": "ungdomen", "lærer": "lærar", "lærere": "lærarar", "lærerne": "lærarane",
    "voksne": "vaksne", "voksen": "vaksen", "familier": "familiar", "familiene": "familiane",
    "ansatte": "tilsette", "ansatt": "tilsett", "nyansatte": "nytilsette", "leder": "leiar",
    "ledere": "leiarar", "lederne": "leiarane", "ledelsen": "leiinga", "lederen": "leiaren",
    "helsesykepleier": "helsesjukepleiar", "helsesykepleiere": "helsesjukepleiarar",
    "helsesøster": "helsesyster", "sykepleier": "sjukepleiar", "rutiner": "rutinar",
    "rutinene": "rutinane", "tilbud": "tilbod", "tilbudet": "tilbodet",
    "tilbudene": "tiloda", "lavterskeltilbud": "lågterskeltilbod", "uke": "veke",
    "uka": "veka", "uker": "veker", "måned": "månad", "måneder": "månader",
    "månedsvis": "månadsvis", "penger": "pengar", "steder": "stader", "sted": "stad",
    "stedet": "staden", "venner": "vener", "venn": "ven", "vennen": "venen",
    "politikere": "politikarar", "politikerne": "politikarane", "taushetsplikt": "teieplikt",
    "taushetsplikten": "teieplikta", "taushetsbelagt": "teiepliktig",
    "innflytelse": "innverknad", "medvirkning": "medverknad", "forståelse": "forståing",
    "ressurser": "ressursar", "utfordringer": "utfordringar", "utfordringene": "utfordringane",
    "aktiviteter": "aktivitetar", "avstander": "avstandar", "stillinger": "stillingar",
    "vikarer": "vikarar", "ventelister": "ventelister", "ventelisten": "ventelista",
    "ventetiden": "ventetida", "tiden": "tida", "saken": "saka", "gang": "gong",
    "ganger": "gonger", "mening": "meining", "meningen": "meininga", "relasjoner": "relasjonar",
    "henvisning": "tilvising", "henvisninger": "tilvisingar", "henvisningen": "tilvisinga",
    "ensomhet": "einsemd", "ensomme": "einsame", "ensom": "einsam", "trygghet": "tryggleik",
    "usikkerhet": "uvisse", "usikkerheten": "uvissa", "uklarhet": "uklarleik", "økning": "auke",
    "økende": "aukande", "fant": "fann",
    "gjennomtrekk": "gjennomtrekk", "utskifting": "utskifting", "oppfølging": "oppfølging",
    "vold": "vald", "fravær": "fråvær", "fraværet": "fråværet", "bygdene": "bygdene",
    "følelser": "kjensler", "søvn": "søvn", "kveld": "kveld", "kvelder": "kveldar",
    "kvelden": "kvelden", "helgene": "helgane", "busser": "bussar", "bussavganger": "bussavgangar",
    "treninger": "treningar", "mor": "mor", "far": "far", "datteren": "dottera",
    "sønnen": "sonen", "gutt": "gut", "gutten": "guten", "gutter": "gutar",
    "jenter": "jenter", "elever": "elevar", "elevene": "elevane", "samtaler": "samtalar",
    "samtalene": "samtalane", "kontroller": "kontrollar", "kontrollene": "kontrollane",
    "fagfolk": "fagfolk", "fagpersoner": "fagpersonar", "instanser": "instansar",
    "priser": "prisar", "innleveringer": "innleveringar",
    "konflikter": "konfliktar", "konfliktene": "konfliktane", "saksbehandler": "sakshandsamar",
    "saksbehandlere": "sakshandsamarar", "behandling": "handsaming", "pasienter": "pasientar",
    "henvendelser": "førespurnader", "meldinger": "meldingar", "meldingene": "meldingane",
    "bekymringsmeldinger": "bekymringsmeldingar", "undersøkelser": "undersøkingar",
    "undersøkelse": "undersøking", "beslutninger": "avgjerder", "beslutningene": "avgjerdene",
    "beslutningen": "avgjerda", "innspillene": "innspela", "innspill": "innspel",
    "referatet": "referatet", "referater": "referat", "tjenestekatalog": "tenestekatalog",
    "skjemaer": "skjema", "skjemaene": "skjema", "systemer": "system", "systemene": "systema",
    "verktøyene": "verktøya", "planer": "planar", "dokumentene": "dokumenta",
    "vedtaket": "vedtaket", "midlene": "midlane", "midler": "midlar", "tilskudd": "tilskot",
    "lønna": "løna", "døra": "døra", "hodet": "hovudet", "klasserommet": "klasserommet",
    "mobilen": "mobilen", "rådhuset": "rådhuset", "kjøpesenteret": "kjøpesenteret",
    "friminuttene": "friminutta", "friminuttet": "friminuttet", "skyss": "skyss",
    "møteplasser": "møteplassar", "møtepunkter": "møtepunkt",
    "ledelsesperspektiv": "leiingsperspektiv",
    "ståsted": "ståstad", "lederstolen": "leiarstolen", "spørsmål": "spørsmål",
    # adjectives, adverbs
    "mulig": "mogleg", "mulighet": "moglegheit", "muligheten": "moglegheita",
    "muligheter": "moglegheiter", "nødvendig": "naudsynt", "bedre": "betre",
    "høy": "høg", "høyt": "høgt", "høye": "høge", "lav": "låg", "lave": "låge",
    "lavere": "lågare", "små": "små", "liten": "liten", "lite": "lite", "lang": "lang",
    "lange": "lange", "lengre": "lengre", "lenger": "lenger", "sent": "seint",
    "senere": "seinare", "ofte": "ofte", "sjelden": "sjeldan", "aldri": "aldri",
    "alltid": "alltid", "gammel": "gamal", "gamle": "gamle", "kjent": "kjend",
    "ukjent": "ukjend", "kjente": "kjende", "viktigste": "viktigaste", "viktigere": "viktigare",
    "enklere": "enklare", "lettere": "lettare", "tryggere": "tryggare", "billigere": "billegare",
    "billig": "billeg", "kjappere": "kjappare", "raskere": "raskare", "tydeligere": "tydelegare",
    "flere": "fleire", "færre": "færre", "større": "større", "største": "største",
    "vanskeligere": "vanskelegare", "yngre": "yngre", "yngste": "yngste", "eldre": "eldre",
    "sliten": "sliten", "slitne": "slitne", "syk": "sjuk", "syke": "sjuke",
    "sykt": "sjukt", "frisk": "frisk", "friske": "friske", "redd": "redd", "redde": "redde",
    "utrygt": "utrygt", "øde": "aude", "stille": "stille", "sikre": "sikre",
    "usikre": "usikre", "frustrerende": "frustrerande", "tungvint": "tungvint",
    "forebyggende": "førebyggjande", "stigmatiserende": "stigmatiserande",
    "bekymringsfull": "bekymringsfull", "bekymringsfullt": "bekymringsfullt",
    "fortvilet": "fortvila", "slitsomt": "slitsamt", "engstelige": "engstelege",
    "skremmende": "skremmande", "avgjørende": "avgjerande", "øvrige": "øvrige",
    "nyankomne": "nykomne", "tverrfaglig": "tverrfagleg", "tverrfaglige": "tverrfaglege",
    "hjemmet": "heimen", "noensinne": "nokon gong", "helhet": "heilskap",
    "helheten": "heilskapen", "holdes": "haldast", "heter": "heiter", "gjelder": "gjeld",
    "siden": "sidan", "kontaktes": "kontaktast", "tlf": "tlf", "ellers": "elles", "dere": "de",
    "videre": "vidare", "samme": "same", "alene": "åleine", "hele": "heile", "helt": "heilt",
    "se": "sjå", "finnes": "finst", "utenfor": "utanfor", "krever": "krev", "lager": "lagar",
    "bekymret": "uroleg", "åpen": "open", "åpent": "ope", "åpnet": "opna", "kortere": "kortare",
    "oftere": "oftare", "mellomtiden": "mellomtida", "punkter": "punkt", "håper": "håpar",
    "prioriteres": "prioriterast", "flytter": "flyttar", "mobbet": "mobba", "riktig": "rett",
    "man": "ein", "utredning": "utgreiing", "utredningen": "utgreiinga", "mobba": "mobba",
    "trusler": "truslar", "henter": "hentar", "dager": "dagar", "timer": "timar",
    "myndigheter": "styresmakter", "partnere": "partnarar", "avsatt": "avsett",
    "glemmer": "gløymer", "takker": "takkar", "havner": "hamnar", "lot": "let", "sette": "setje",
    "etterspørre": "etterspørje", "veien": "vegen", "dypt": "djupt", "jevnlig": "jamleg",
    "jevnlige": "jamlege", "frivillig": "frivillig", "frivillige": "frivillige",
    "hjelper": "hjelper", "tenker": "tenkjer", "spørsmålet": "spørsmålet", "borte": "borte",
}

# Compound rules applied inside longer words (checked in this order, first match wins per rule).
_SUBSTRINGS: tuple[tuple[str, str], ...] = (
    ("tjenestene", "tenestene"),
    ("tjenesten", "tenesta"),
    ("tjenester", "tenester"),
    ("tjeneste", "teneste"),
    ("skolen", "skulen"),
    ("skole", "skule"),
    ("veiledning", "rettleiing"),
    ("veilederen", "rettleiaren"),
    ("veileder", "rettleiar"),
    ("forebygg", "førebygg"),
    ("fravær", "fråvær"),
    ("sykepleier", "sjukepleiar"),
)

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ligere", "legare"),
    ("ligste", "legaste"),
    ("lige", "lege"),
    ("lig", "leg"),
    ("heten", "heita"),
    ("het", "heit"),
    ("ende", "ande"),
    ("ingen", "inga"),
    ("inger", "ingar"),
    ("heter", "heiter"),
)

_TOKEN = re.compile(r"[^\W\d_]+|[\W\d_]+")


def _convert_word(word: str) -> str:
    low = word.lower()
    if word.isupper() and len(word) > 1:
        return word  # acronyms: BTI, PPT, BUP, NAV
    out = WORDS.get(low)
    if out is None:
        out = low
        for old, new in _SUBSTRINGS:
            if old in out:
                out = out.replace(old, new)
        if out == low:
            for old, new in _SUFFIXES:
                if out.endswith(old) and len(out) > len(old) + 1:
                    out = out[: -len(old)] + new
                    break
    if out == low:
        return word
    if word[0].isupper():
        out = out[0].upper() + out[1:]
    return out


def to_nynorsk(text: str) -> str:
    """Convert bokmål demo text to nynorsk, word by word, keeping case and punctuation."""
    return "".join(
        _convert_word(tok) if tok[0].isalpha() else tok for tok in _TOKEN.findall(text)
    )


# Words that show a text is nynorsk (used by tests and quality checks).
NYNORSK_MARKERS: tuple[str, ...] = (
    "ikkje", "eg", "kva", "korleis", "kven", "kvar", "meir", "berre", "saman", "heime",
    "tenestene", "tenesta", "dei", "noko", "nokon", "mykje", "betre", "frå", "òg", "ein", "eit",
    "vere", "tida", "veit", "trur", "kjem", "borna", "skulen", "tilbod", "fleire", "no",
    "seier", "gjer", "vaksne", "leg", "lege", "heim", "treng", "manglar", "verkar", "veke",
    "månader", "pengar", "stader", "vener", "teieplikt", "utan", "sjølv", "medan", "då",
)

BOKMAAL_MARKERS: tuple[str, ...] = (
    "ikke", "jeg", "hva", "hvordan", "hvem", "mye", "bare", "fra", "noe", "noen", "mer",
)
