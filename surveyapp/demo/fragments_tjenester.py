"""Phrase data for the staff questionnaires: [tjenester] and [samarbeid_bti].

Each question maps theme ids to a theme spec:

* ``label``: what a planner would call the theme (ground truth for the demo);
* ``core``: statements that carry the theme (templates, see fragments_common);
* ``short``: 2–6 word keyword answers, also used as bullet points;
* ``elab``: elaborations that can follow a core statement;
* ``ex``: examples by service ("*" = any service);
* ``boost``: weight multipliers by service or role.
"""

from __future__ import annotations

TILTAK_VIRKER: dict[str, dict] = {
    "tverrfaglige_moter": {
        "label": "Faste tverrfaglige møter og drøftingsteam",
        "core": (
            "{Faste|Jevnlige|Månedlige} tverrfaglige møter {med PPT, helsesykepleier og barnevern|med <other>|på tvers av tjenestene} {virker best|fungerer godt|er det som virker}.",
            "Anonyme drøftinger i {tverrfaglig team|konsultasjonsteamet|ressursteamet} {gjør at vi kommer tidlig inn|senker terskelen for å ta opp en bekymring}.",
            "{Det|Noe av det} som virker best er at vi {møtes fast|har faste møtepunkter} med <other>, {så|slik at} vi kan drøfte saker før de blir store.",
            "Tverrfaglig team på {skolen|huset|enheten} der vi kan ta opp barn {anonymt|uten samtykke først}.",
        ),
        "short": (
            "Tverrfaglige møter",
            "faste møter med <other>",
            "Anonym drøfting",
            "ressursteam",
            "Konsultasjonsteam",
        ),
        "elab": (
            "Da får vi {råd|innspill} {raskt|med en gang} og slipper å vente på {henvisning|vedtak}.",
            "Det gjør det lettere å {vite hvem vi skal ringe|ta kontakt senere}.",
            "Når vi kjenner hverandre {blir terskelen lavere|går ting mye fortere}.",
        ),
        "ex": {
            "Barnehage": ("Vi tar opp barn {anonymt|} med PPT og helsesykepleier {hver måned|to ganger i semesteret}, og det har hjulpet {flere|mange} familier.",),
            "Skole/SFO": ("Ressursteamet på skolen møtes {hver uke|annenhver uke}, med rådgiver, helsesykepleier og {ledelsen|sosiallærer}.",),
            "PPT": ("Vi er med på {drøftingsmøter|systemmøter} i barnehagene, og det gir {mye|bedre} tidlig innsats enn henvisningene.",),
        },
        "boost": {"Skole/SFO": 1.5, "Barnehage": 1.5, "PPT": 2.0, "Leder": 1.5},
    },
    "foreldreveiledning": {
        "label": "Foreldreveiledning (ICDP, COS, PMTO)",
        "core": (
            "{Foreldreveiledning|Foreldreveiledningsgruppene} {(ICDP)|(COS)|etter ICDP|} {virker godt|er det beste vi har|gir gode resultater}.",
            "{ICDP-grupper|Trygghetssirkelen (COS)|PMTO|De utrolige årene} for foreldre {har god effekt|fungerer veldig bra|treffer mange}.",
            "Å {styrke|støtte} foreldrene tidlig, {med veiledning|gjennom foreldregrupper|i foreldrerollen}, {gir mest igjen|virker best}.",
            "TIBIR og {PMTO|foreldrerådgivning} når barna har {begynnende atferdsvansker|utfordrende atferd}.",
        ),
        "short": ("Foreldreveiledning", "ICDP", "COS-kurs", "Foreldregrupper", "PMTO"),
        "elab": (
            "Foreldrene {sier selv at|gir tilbakemelding på at} de blir tryggere.",
            "Det er lavterskel og {ikke stigmatiserende|oppleves ikke som barnevern}.",
            "{Særlig|Spesielt} for {nyankomne foreldre|førstegangsforeldre|foreldre i introduksjonsprogrammet}.",
        ),
        "ex": {
            "Helsestasjon/skolehelsetjeneste": ("Vi kjører ICDP-grupper på helsestasjonen {to ganger i året|hvert semester}, også på {arabisk|tigrinja|ukrainsk}.",),
            "Barnevern": ("Mange av sakene våre kunne vært løst med foreldreveiledning {tidligere|mye tidligere}.",),
            "Barnehage": ("Vi har hatt COS-kurs for foreldre i barnehagen, og {det ble godt mottatt|alle plassene ble fylt}.",),
        },
        "boost": {"Helsestasjon/skolehelsetjeneste": 2.0, "Barnevern": 1.8, "Barnehage": 1.3},
    },
    "helsesykepleier_lavterskel": {
        "label": "Lavterskel helsesykepleier og helsestasjon for ungdom",
        "core": (
            "{Helsesykepleier|Skolehelsetjenesten} med {åpen dør|drop-in|faste dager} på skolen {er gull|virker|er viktigst}.",
            "{Lavterskeltilbud|Helsestasjon for ungdom} der unge kan komme {uten time|uten henvisning|når de trenger det}.",
            "At {elevene|ungdommene} vet hvor helsesykepleier er, og at {hun|de} er {til stede|tilgjengelig} {hver dag|ofte}.",
        ),
        "short": ("Åpen dør hos helsesykepleier", "Helsestasjon for ungdom", "lavterskeltilbud", "drop-in helsesykepleier"),
        "elab": (
            "{Problemet er at|Men} hun er bare på skolen {én dag i uka|noen timer i uka}.",
            "Ungdommene {sier|forteller} at det er lettere å gå dit enn {til fastlegen|til en lærer}.",
        ),
        "ex": {
            "Helsestasjon/skolehelsetjeneste": ("Vi har drop-in {i storefri|hver tirsdag} og ser at {mange|flere} kommer før problemene blir store.",),
            "Skole/SFO": ("Når helsesykepleier er på skolen, {fanger vi opp ting|kan vi følge elevene dit} med en gang.",),
        },
        "boost": {"Helsestasjon/skolehelsetjeneste": 2.5, "Skole/SFO": 1.5},
    },
    "foreldresamarbeid": {
        "label": "Tett dialog og samarbeid med foreldre",
        "core": (
            "{Tett|God|Tidlig} dialog med foreldrene {virker best|er nøkkelen}.",
            "Å ta {en prat|samtalen} med foreldrene {tidlig|med en gang} når vi er bekymret, {i stedet for å vente|før det blir en sak}.",
            "{Gode|Faste} foreldresamtaler og {et godt|et tillitsfullt} forhold til foreldrene.",
            "Når foreldrene {stoler på oss|føler seg sett}, {tar de imot hjelp|sier de fra tidligere}.",
        ),
        "short": ("Foreldresamarbeid", "dialog med hjemmet", "tidlige foreldresamtaler", "god relasjon til foreldre"),
        "elab": (
            "Det handler om tillit, {og det tar tid å bygge|ikke om skjema}.",
            "Vi bruker {tolk|telefontolk} når det trengs, {det gjør mye|ellers blir det misforståelser}.",
        ),
        "ex": {
            "Barnehage": ("I barnehagen ser vi foreldrene hver dag i {levering og henting|garderoben}, så vi kan ta det opp {tidlig|i det små}.",),
            "Skole/SFO": ("Vi ringer hjem {samme dag|med en gang} ved fravær eller konflikter, ikke bare når noe er galt.",),
        },
        "boost": {"Barnehage": 2.0, "Skole/SFO": 1.5},
    },
    "trygge_voksne": {
        "label": "Trygge voksne og gode relasjoner",
        "core": (
            "{Trygge|Stabile} voksne som {ser|kjenner} {hvert barn|barna} {godt|over tid}.",
            "{Gode relasjoner|Relasjonen} mellom {voksne og barn|lærer og elev|ansatte og ungdom} {er det viktigste forebyggende tiltaket|betyr mest}.",
            "{Miljøarbeidere|Miljøterapeut|Ekstra voksne} {i skolegården|på skolen|i friminuttene} {virker|har gjort stor forskjell}.",
        ),
        "short": ("Trygge voksne", "relasjonsarbeid", "Miljøterapeut på skolen", "voksne som ser barna"),
        "elab": (
            "Det høres enkelt ut, men det krever {at vi har nok folk|tid og kontinuitet}.",
            "{Barn|Ungdom} forteller {til|} voksne de stoler på.",
        ),
        "ex": {
            "Skole/SFO": ("Miljøterapeuten vår har {kontakt med|oversikt over} elevene som {sliter|er mye borte}, og fanger opp ting vi lærere ikke ser.",),
            "Kultur/fritid": ("På klubben er det {de samme voksne|faste voksne} hver kveld, og ungdommene {forteller oss ting|kommer til oss} når noe er galt.",),
            "Barnehage": ("Fast primærkontakt for de minste gir trygghet, {og vi ser tidlig når noe er annerledes|og foreldrene vet hvem de kan snakke med}.",),
        },
        "boost": {"Skole/SFO": 1.5, "Kultur/fritid": 2.0, "Barnehage": 1.2},
    },
    "bti_handlingsveileder": {
        "label": "BTI, handlingsveileder og stafettlogg",
        "core": (
            "{BTI-modellen|Handlingsveilederen|BTI} {gir struktur|gjør at vi vet hva vi skal gjøre} når vi er bekymret.",
            "Stafettloggen {fungerer godt|er nyttig} {når den brukes|når alle er med}.",
            "Å ha {en stafettholder|en fast koordinator} {som har ansvaret|som følger opp} i hver sak.",
        ),
        "short": ("BTI", "Stafettlogg", "handlingsveilederen", "Stafettholder"),
        "elab": (
            "Men {det forutsetter|det krever} at alle {har fått opplæring|faktisk bruker den}.",
            "Det er tydelig {hvem som gjør hva|hvem som har ballen}.",
        ),
        "ex": {"*": ("Vi har brukt handlingsveilederen i {noen|flere} saker i år, og {det var mye ryddigere enn før|foreldrene satte pris på oversikten}.",)},
        "boost": {"Leder": 1.5},
    },
    "fritid_inkludering": {
        "label": "Fritidstilbud og inkludering (klubb, gratis aktiviteter)",
        "core": (
            "{Fritidsklubben|Ungdomsklubben|Åpen hall} {er et viktig forebyggende tiltak|når mange som ellers faller utenfor}.",
            "{Gratis|Rimelige} aktiviteter {i ferier|etter skoletid|i helgene} for {alle barn|barn fra lavinntektsfamilier}.",
            "{Fritidskortet|Kontingentstøtte|Utstyrssentralen} gjør at {flere|også barn fra familier med dårlig råd} kan være med.",
            "Aktivitetsskolen og {SFO|leksehjelp} der {alle|barna} er med uansett {bakgrunn|økonomi}.",
        ),
        "short": ("Fritidsklubb", "gratis aktiviteter", "Fritidskortet", "Ferieaktiviteter", "BUA utlån"),
        "elab": (
            "Der {møter vi ungdom|treffer vi barn} som {ellers ikke oppsøker hjelp|ikke er med på noe annet}.",
            "Det er {universell forebygging|forebygging for alle} som {virker|når bredt}.",
        ),
        "ex": {
            "Kultur/fritid": ("Vi har {åpent tre kvelder i uka|åpen hall fredag kveld} og ser at det betyr mye for {de som ikke er med i idretten|ungdom som ellers er ensomme}.",),
            "Frivillig": ("Idrettslaget har {gratis treninger|fritak for kontingent} for dem som trenger det, {diskret|uten søknad}.",),
            "NAV": ("Vi {dekker|søker om midler til} fritidsaktiviteter for barn i familier {med sosialhjelp|med lav inntekt}.",),
        },
        "boost": {"Kultur/fritid": 3.0, "Frivillig": 3.0, "NAV": 1.5, "Organisasjon": 2.5},
    },
    "programmer_skole": {
        "label": "Programmer for sosial kompetanse og psykisk helse",
        "core": (
            "{Programmer|Opplegg} for sosial kompetanse {som Zippys venner|som Steg for steg|i barnehagen og på skolen}.",
            "{Livsmestring|Psykisk helse} i undervisningen, {og VIP-kurs|og at vi snakker om følelser|og psykologisk førstehjelp}.",
            "{Systematisk arbeid|Godt arbeid} mot mobbing {og et trygt klassemiljø|med tydelige rutiner}.",
        ),
        "short": ("Zippys venner", "Psykologisk førstehjelp", "VIP-kurs", "mobbeprogram", "livsmestring"),
        "elab": (
            "Det {når alle|treffer alle elevene}, ikke bare de vi er bekymret for.",
            "Elevene {tar det godt imot|husker det|bruker språket fra opplegget}.",
        ),
        "ex": {
            "Skole/SFO": ("Vi har hatt Psykologisk førstehjelp på {4.|5.|8.} trinn, og elevene {bruker|snakker om} «de røde og grønne tankene».",),
            "Barnehage": ("Vi jobber med {Steg for steg|Være sammen} og ser at barna {blir flinkere|får et språk} på følelser.",),
        },
        "boost": {"Skole/SFO": 2.0, "Barnehage": 1.5},
    },
    "sma_barn": {
        "label": "Tidlig innsats i svangerskap og småbarnsalder",
        "core": (
            "{Hjemmebesøk|Hjemmebesøk fra jordmor og helsesykepleier} {etter fødsel|til alle nyfødte} {virker|er veldig viktig}.",
            "{Tidlig Inn|Screening for fødselsdepresjon|EPDS-kartlegging} {fanger opp|avdekker} {mødre|foreldre} som strever.",
            "{Barselgrupper|Foreldregrupper på helsestasjonen} {gir nettverk|skaper trygghet} {tidlig|de første månedene}.",
        ),
        "short": ("Hjemmebesøk", "Tidlig Inn", "Barselgrupper", "EPDS"),
        "elab": (
            "De første 1000 dagene er {avgjørende|der vi kan gjøre mest}.",
            "Vi ser {familien hjemme|hvordan de har det hjemme}, {ikke bare på kontoret|og det sier mye}.",
        ),
        "ex": {"Helsestasjon/skolehelsetjeneste": ("Vi rekker hjemmebesøk til {nesten alle|de fleste} nyfødte, og {det er der vi oppdager mest|da kommer vanskelige ting fram}.",)},
        "boost": {"Helsestasjon/skolehelsetjeneste": 3.0, "Barnehage": 1.2},
    },
    "fravaer_oppfolging": {
        "label": "Tett oppfølging av skolefravær",
        "core": (
            "{Tett|Rask} oppfølging av fravær, {med en gang|fra første dag}.",
            "{Fraværsrutinen|Fraværsteamet} der {skole, helsesykepleier og PPT|skole og hjem} {møtes|samarbeider} {tidlig|raskt}.",
            "At {skolen|kontaktlæreren} ringer hjem {samme dag|første fraværsdag}.",
        ),
        "short": ("Fraværsoppfølging", "oppfølging av fravær", "fraværsteam"),
        "elab": (
            "Skolevegring {må tas tidlig|blir vanskeligere jo lenger det går}.",
            "{Vi har fått ned fraværet|Flere har kommet tilbake} etter at vi startet med dette.",
        ),
        "ex": {"Skole/SFO": ("Vi har {en egen|en ny} rutine for bekymringsfullt fravær, og vi har fått flere tilbake på skolen.",)},
        "boost": {"Skole/SFO": 2.5, "PPT": 1.5},
    },
}

HINDRER_TIDLIG_INNSATS: dict[str, dict] = {
    "tid_kapasitet": {
        "label": "Mangel på tid og kapasitet",
        "core": (
            "{Tid|Tiden|Mangel på tid}. Vi {rekker ikke|har ikke kapasitet til} å følge opp {alle vi er bekymret for|enkeltbarn|de som trenger det}.",
            "{For lite|Altfor lite|Ikke nok} {tid|bemanning|folk} til {oppfølging|å følge opp|forebyggende arbeid}.",
            "Vi {er for få|har for mange barn per ansatt} {til å fange opp signalene|til å se alle}.",
            "{Alt|Det meste} går til {brannslukking|de tunge sakene}, {så forebygging blir nedprioritert|og det forebyggende arbeidet taper}.",
        ),
        "short": ("Tid!", "Mangel på tid", "kapasitet", "for lite bemanning", "for få ansatte"),
        "elab": (
            "Det er {frustrerende|tungt} å se at {noe er galt|barn strever} og ikke {ha tid til|rekke} å gjøre noe.",
            "{Bemanningsnormen|Normen} holder ikke {når noen er syke|i praksis}.",
            "Vi {ser|vet} hvem som trenger mer, men {det stopper der|vi kommer ikke videre}.",
        ),
        "ex": {
            "Barnehage": ("Med {tre|fire} voksne på {18|24} barn, og {sykdom|en ansatt på kurs}, blir det {lite tid til|ingen tid til} å observere enkeltbarn.",),
            "Helsestasjon/skolehelsetjeneste": ("Jeg har {900|1100|1300} elever alene, og {timene|dagene} går til {de akutte|kriser}.",),
            "Skole/SFO": ("Som kontaktlærer for {26|28} elever {rekker jeg ikke|er det umulig} å følge opp alle som trenger det.",),
        },
        "boost": {"Barnehage": 1.5, "Helsestasjon/skolehelsetjeneste": 1.8, "Skole/SFO": 1.5},
    },
    "ventelister": {
        "label": "Ventelister og lang ventetid (PPT, BUP)",
        "core": (
            "{Lang ventetid|Lange ventelister} {hos PPT|på BUP|hos PPT og BUP|i spesialisthelsetjenesten}.",
            "Når vi {henviser|melder fra}, {tar det måneder før noe skjer|skjer det ingenting på lenge}.",
            "{Ventetiden|Køen} {hos PPT|på utredning} er {så lang|altfor lang} at {tidlig innsats blir sen innsats|barna rekker å bli dårligere}.",
        ),
        "short": ("Ventelister", "ventetid PPT", "Ventetid BUP", "lang ventetid på utredning"),
        "elab": (
            "{Foreldrene|Familiene} {gir opp|blir frustrerte} mens de venter.",
            "Og {i mellomtiden|mens vi venter} {får barnet ingen hjelp|står vi alene med det}.",
            "Det er {nesten et år|over et halvt år} fra henvisning til {tiltak|første møte}.",
        ),
        "ex": {
            "PPT": ("Vi har {fått flere henvisninger enn vi klarer|en venteliste på over ett år}, og {det er ikke bra for noen|vi prioriterer de tyngste}.",),
            "Skole/SFO": ("Vi henviste en elev til PPT i {august|høst} og {har ikke hørt noe ennå|fikk første møte i mai}.",),
        },
        "boost": {"Skole/SFO": 1.8, "Barnehage": 1.5, "PPT": 2.0, "Forelder": 2.0},
    },
    "taushetsplikt": {
        "label": "Usikkerhet rundt taushetsplikt og samtykke",
        "core": (
            "{Usikkerhet|Uklarhet} {rundt|om} taushetsplikten. Vi {vet ikke|er usikre på} hva vi kan dele med <other>.",
            "Taushetsplikten {står i veien|blir brukt som en unnskyldning} for å {ikke samarbeide|ikke dele informasjon}.",
            "{Vi får ikke vite|Det er vanskelig å få vite} hva som skjer {etter en bekymringsmelding|når barnevernet er inne}, {på grunn av taushetsplikt|det er taushetsbelagt}.",
            "Det tar tid å {innhente samtykke|få samtykke fra foreldrene} før vi kan snakke med <other>.",
        ),
        "short": ("Taushetsplikt", "usikkerhet om taushetsplikt", "Samtykke", "taushetsplikten"),
        "elab": (
            "{Vi trenger|Det trengs} {en felles forståelse|felles opplæring} av {hva vi kan dele|taushetsplikt og opplysningsplikt}.",
            "{Mange|Noen} er {redde for|engstelige for} å gjøre feil, og da {gjør de heller ingenting|venter de}.",
        ),
        "ex": {
            "Helsestasjon/skolehelsetjeneste": ("Lærerne {forventer|tror} at jeg kan fortelle hva elevene sier til meg, og {det kan jeg jo ikke|det skaper misforståelser}.",),
            "Barnevern": ("Vi {kan ikke gi|har ikke lov til å gi} mye tilbakemelding til melder, og det {oppleves som|blir tolket som} at vi ikke gjør noe.",),
        },
        "boost": {"Helsestasjon/skolehelsetjeneste": 2.0, "Barnevern": 2.0, "Skole/SFO": 1.3},
    },
    "uklart_ansvar": {
        "label": "Uklart ansvar og hvem som koordinerer",
        "core": (
            "{Uklart ansvar|Det er uklart hvem som har ansvaret} når {flere tjenester er inne|det er flere involvert}.",
            "Ingen {tar|har} {koordineringsansvaret|ballen}, {så|og} alle venter på hverandre.",
            "{Vi vet ikke|Det er ikke tydelig} hvem {som skal koordinere|som er stafettholder|som skal kalle inn til møte}.",
        ),
        "short": ("Uklart ansvar", "hvem koordinerer?", "ingen stafettholder", "Ansvarsfordeling"),
        "elab": (
            "{Foreldrene|Familien} {må selv|ender opp med å} koordinere {alt|hjelpen}.",
            "{Det blir|Det ender med} mange møter og {lite handling|ingen beslutninger}.",
        ),
        "ex": {"*": ("I en sak {i fjor|nylig} var {fem|seks} tjenester inne, og {ingen visste hvem som skulle kalle inn|det gikk måneder før noen tok tak}.",)},
        "boost": {"Leder": 1.5, "Barnevern": 1.3},
    },
    "kjenner_ikke_tilbud": {
        "label": "Kjenner ikke til andre tjenesters tilbud",
        "core": (
            "Vi kjenner {ikke godt nok|for dårlig} til {hva andre tjenester tilbyr|hverandres tilbud}.",
            "{Manglende|Dårlig} oversikt over {tilbudene i kommunen|hvem som gjør hva|lavterskeltilbud}.",
            "{Jeg vet ikke|Mange vet ikke} {hvem jeg skal kontakte|hvor de skal henvende seg} når {jeg er bekymret|noe er galt}.",
        ),
        "short": ("Oversikt over tilbud", "kjenner ikke tilbudene", "hvem gjør hva?"),
        "elab": (
            "{En|Det trengs en} {oppdatert oversikt|tjenestekatalog|nettside med alle tilbudene} {ville hjulpet mye|hadde vært bra}.",
            "Tilbud {kommer og går|er prosjekter som forsvinner}, så {det er vanskelig å henge med|man mister oversikten}.",
        ),
        "ex": {
            "Barnehage": ("{Jeg vet for eksempel ikke|Vi vet ikke} om familieteamet {tar imot|kan kontaktes av} barnehagen direkte.",),
            "Kultur/fritid": ("Vi på {fritid|klubben} {er sjelden invitert|blir ofte glemt} når tjenestene snakker sammen.",),
        },
        "boost": {"Kultur/fritid": 1.5, "Frivillig": 1.5, "Barnehage": 1.2},
    },
    "turnover": {
        "label": "Gjennomtrekk og utskifting av ansatte",
        "core": (
            "{Stor|Høy} {gjennomtrekk|turnover} {av ansatte|i tjenestene|hos <other>}.",
            "{Mye|Stadig} {utskifting|nye folk} {og vikarer|}, {så|og da} {relasjonene|kontinuiteten} {forsvinner|blir borte}.",
            "{Nye|Nyansatte} {kjenner ikke rutinene|vet ikke hvordan vi jobber}, og {kompetansen|erfaringen} forsvinner {når folk slutter|ut døra}.",
        ),
        "short": ("Turnover", "gjennomtrekk", "mange vikarer", "ny saksbehandler hele tiden"),
        "elab": (
            "Familiene {må begynne på nytt|må fortelle historien sin igjen} {hver gang|med hver nye saksbehandler}.",
            "Vi {får ikke|mister} {fagfolk|helsesykepleiere|lærere} {i distriktet|fordi lønna er bedre andre steder}.",
        ),
        "ex": {"Barnevern": ("{Familiene|Mange familier} har hatt {tre|fire} saksbehandlere på {ett år|to år}.",)},
        "boost": {"Barnevern": 2.0, "Leder": 1.5},
    },
    "avstander": {
        "label": "Lange avstander og små distrikter",
        "core": (
            "{Lange avstander|Store avstander}. {Tilbudene|Tjenestene} ligger i sentrum, {og familiene|og mange} bor {langt unna|ute i distriktet}.",
            "{Det er|Vi har} {to timer|en time} {med bil|å kjøre} til {BUP|nærmeste tilbud}, {og ingen buss|og det sier seg selv}.",
            "I {små bygder|små miljøer} {kjenner alle alle|vet alle alt}, så {familier vil ikke|folk kvier seg for å} {oppsøke hjelp|bli sett hos helsesykepleier}.",
        ),
        "short": ("Lange avstander", "avstand til tilbudene", "distriktet taper"),
        "elab": (
            "{Digitale møter|Video} {hjelper litt|er bedre enn ingenting}, men {ikke for barna|det er ikke det samme}.",
            "{Ungdom|Barn} i {bygdene|distriktet} {får ikke det samme tilbudet|blir glemt}.",
        ),
        "ex": {"*": ("{Vi|Helsesykepleier} {kjører|reiser} mellom {tre|fire} skoler, og {mye tid går til reising|det blir lite tid igjen til elevene}.",)},
        "boost": {},
    },
    "foreldre_takker_nei": {
        "label": "Foreldre som takker nei til hjelp",
        "core": (
            "Foreldre som {ikke vil ha hjelp|takker nei til hjelp|ikke vil samarbeide|ikke vil ta imot tiltak}.",
            "{Mange|Noen} foreldre er {redde for barnevernet|skeptiske til hjelpeapparatet}, {og da|derfor} {trekker de seg|vil de ikke samtykke}.",
            "{Vi kommer ikke videre|Det stopper opp} {når foreldrene ikke samtykker|uten samtykke fra foreldrene}.",
        ),
        "short": ("Foreldre sier nei", "manglende samtykke", "Skepsis til barnevernet"),
        "elab": (
            "{Frykt for barnevernet|Skam} {er stor|sitter dypt}, {særlig blant|også hos} {familier med minoritetsbakgrunn|ressurssterke familier}.",
            "{Vi må|Vi trenger å} bli bedre på å {bygge tillit|forklare hva hjelpen er}.",
        ),
        "ex": {
            "Barnehage": ("{Vi har|Det er} barn vi er bekymret for, men foreldrene {vil ikke|takker nei til} at vi henviser til PPT.",),
            "Helsestasjon/skolehelsetjeneste": ("Foreldre {avlyser|møter ikke til} kontrollene, og {da mister vi kontakten|da er det vanskelig å følge opp}.",),
        },
        "boost": {"Barnehage": 1.8, "Helsestasjon/skolehelsetjeneste": 1.5, "Skole/SFO": 1.2},
    },
    "rutiner_bti": {
        "label": "Mangler rutiner, BTI brukes ikke",
        "core": (
            "{Vi mangler|Det mangler} {gode|tydelige|felles} rutiner for {hva vi gjør ved bekymring|oppfølging av bekymring}.",
            "{BTI|Handlingsveilederen|Stafettloggen} {brukes ikke|blir ikke brukt|er ikke i bruk} {i praksis|av alle}.",
            "Vi har {en handlingsveileder|rutiner} på papiret, men {ingen bruker den|den er ikke kjent}.",
        ),
        "short": ("Manglende rutiner", "BTI brukes ikke", "Ingen felles rutiner", "stafettlogg ikke i bruk"),
        "elab": (
            "{Ingen|Få} har fått {opplæring|skikkelig opplæring} {i BTI|i handlingsveilederen}.",
            "Det er {opp til hver enkelt|tilfeldig} hva som skjer {med bekymringen|etterpå}.",
        ),
        "ex": {"*": ("Stafettloggen {er tungvint|tar for mye tid}, så vi {ender opp med å|heller} ringe hverandre.",)},
        "boost": {"Leder": 1.3},
    },
    "finansiering": {
        "label": "Økonomi, budsjett og prosjektmidler",
        "core": (
            "{Økonomi|Penger|Budsjettet}. {Forebygging|Tidlig innsats} {blir kuttet først|er ikke prioritert i budsjettet}.",
            "{Gode tiltak|Tiltak som virker} er {prosjekter|prosjektfinansiert} og {forsvinner når midlene tar slutt|blir ikke videreført}.",
            "{Gevinsten|Effekten} av forebygging kommer {om mange år|i en annen sektor}, {så|og derfor} {prioriteres det ikke|blir det ikke satset på}.",
        ),
        "short": ("Økonomi", "Budsjett", "prosjektmidler", "penger"),
        "elab": (
            "{Barnevernsreformen|Oppvekstreformen} skulle {gi mer forebygging|flytte penger til forebygging}, men {vi ser det ikke|det har ikke skjedd}.",
            "{Vi må|Det må} {søke midler|skrive søknader} hvert år for å {holde tilbudet i gang|få fortsette}.",
        ),
        "ex": {"Kultur/fritid": ("Klubben {er avhengig av|lever på} {tilskudd|prosjektmidler} fra år til år.",)},
        "boost": {"Leder": 2.5, "Kultur/fritid": 1.5, "Frivillig": 1.5},
    },
    "terskel_melde": {
        "label": "Høy terskel for å melde bekymring",
        "core": (
            "{Vi venter|Man venter} {for lenge|altfor lenge} før {vi melder bekymring|vi tar kontakt med barnevernet}.",
            "{Terskelen|Den opplevde terskelen} for å {sende bekymringsmelding|ta kontakt med barnevernet} er {for høy|høy}.",
            "Mange er {usikre på|redde for} {når de skal melde|hva som skjer med familien} {hvis de melder|etter en melding}.",
        ),
        "short": ("Høy terskel for å melde", "redd for å melde", "usikkerhet om meldeplikt"),
        "elab": (
            "Vi {vil være sikre|vil ha mer å gå på} {først|før vi melder}, og da {går det for lang tid|er det ofte for sent}.",
            "{Muligheten for|Tilbudet om} {anonym drøfting med barnevernet|å drøfte anonymt} {er for lite kjent|brukes for lite}.",
        ),
        "ex": {"Barnevern": ("Vi får {mange|for mange} meldinger som {burde kommet|kunne kommet} {et år tidligere|mye tidligere}.",)},
        "boost": {"Barnevern": 2.0, "Skole/SFO": 1.2, "Barnehage": 1.2},
    },
}

VIKTIGSTE_FORBEDRING: dict[str, dict] = {
    "tydelig_stafettholder": {
        "label": "Tydelig stafettholder og koordinator",
        "core": (
            "{Tydelig|Tydeligere} {hvem som er stafettholder|ansvar for koordinering} i hver sak.",
            "At {det alltid er|vi alltid har} {én|en fast} koordinator {når flere er inne|som familien kan ringe}.",
            "{Avklare|Bli enige om} hvem som {har ansvaret|holder i stafettpinnen} {fra første møte|tidlig}.",
        ),
        "short": ("Tydelig stafettholder", "Én koordinator", "tydelig ansvar"),
        "elab": ("Da slipper foreldrene å {være koordinator selv|ringe rundt}.", "Det må {skrives ned|stå i referatet} hvem som har ansvaret."),
        "ex": {},
        "boost": {"Leder": 1.3},
    },
    "opplaering_bti": {
        "label": "Opplæring i BTI og stafettlogg",
        "core": (
            "{Opplæring|Mer opplæring} i {BTI|handlingsveilederen|stafettloggen} {for alle|for nyansatte|i alle tjenester}.",
            "{Alle|Alle ansatte} må {kjenne til|kunne bruke} {handlingsveilederen|BTI} {– ikke bare lederne|, også vikarene}.",
            "{Jevnlig|Årlig} {gjennomgang|opplæring} av {BTI|rutinene}, {ikke bare ved oppstart|fordi folk glemmer}.",
        ),
        "short": ("Opplæring i BTI", "Opplæring stafettlogg", "kursing nyansatte"),
        "elab": ("{Mange|De fleste} {vet ikke at den finnes|har aldri åpnet den}.", "{Det er|Vi har} mye {utskifting|nye folk}, så det må {gjentas|repeteres}."),
        "ex": {},
        "boost": {},
    },
    "faste_moter": {
        "label": "Faste samarbeidsmøter",
        "core": (
            "Faste {samarbeidsmøter|møtepunkt|tverrfaglige møter} {mellom skole, PPT og barnevern|med <other>|på tvers av tjenestene}.",
            "{Et fast|Et eget} tverrfaglig team {som møtes jevnlig|på hver skole|for barnehagene}.",
            "{Møtes|Møtes oftere} {også når det ikke brenner|før sakene blir store}.",
        ),
        "short": ("Faste møter", "Tverrfaglig team", "møtepunkt med <other>"),
        "elab": ("Det {bygger relasjoner|gjør det lettere å ta kontakt} {mellom tjenestene|på tvers}.", "{Gjerne|Helst} med {fast agenda|en fast møteleder}."),
        "ex": {},
        "boost": {"Skole/SFO": 1.3, "Barnehage": 1.3},
    },
    "informasjonsdeling": {
        "label": "Informasjonsdeling innenfor taushetsplikten",
        "core": (
            "{Bedre|Enklere} informasjonsdeling {mellom tjenestene|med <other>} {innenfor taushetsplikten|med samtykke}.",
            "{Felles|En felles} forståelse av {taushetsplikt|hva vi kan dele}, {og et felles samtykkeskjema|og felles opplæring}.",
            "Tilbakemelding {fra barnevernet|fra <other>} {etter bekymringsmelding|om hva som skjer videre}.",
        ),
        "short": ("Informasjonsdeling", "Felles samtykkeskjema", "tilbakemelding fra barnevernet"),
        "elab": ("{Nå|I dag} {skjer det for mye på telefon|blir ting borte} {og ingen vet hva som er avtalt|mellom møtene}.",),
        "ex": {},
        "boost": {"Helsestasjon/skolehelsetjeneste": 1.5, "Barnevern": 1.5},
    },
    "barn_foreldre_med": {
        "label": "Barn og foreldre med i planleggingen",
        "core": (
            "At {barn og foreldre|familien} {er med|deltar} {når vi lager planer|i møtene}.",
            "{Snakke med|Høre} barnet {før|i forkant av} {møtene|ansvarsgruppemøtet}.",
            "{Foreldrene|Familiene} må {få være med å bestemme hvilke tiltak som settes inn|bli tatt med i hele prosessen}.",
        ),
        "short": ("Barnets stemme", "Foreldre med i møtene", "medvirkning"),
        "elab": ("{Nå|I dag} {planlegger vi for dem|lager vi planene for dem}, ikke med dem.",),
        "ex": {},
        "boost": {"Forelder": 2.0},
    },
    "ledelse": {
        "label": "Ledelsen må prioritere og etterspørre",
        "core": (
            "{Ledelsen|Lederne} må {etterspørre|følge opp} {at vi bruker BTI|samarbeidet}.",
            "{Tydelig|Bedre} forankring {i ledelsen|hos kommunalsjef og rådmann}.",
            "{Avsatt tid|Tid i arbeidsplanen} til {samarbeid|tverrfaglig arbeid}, ikke {på toppen av alt annet|i tillegg til alt}.",
        ),
        "short": ("Forankring i ledelsen", "Ledelse", "avsatt tid"),
        "elab": ("{Samarbeid|Det} {skjer ikke av seg selv|må prioriteres fra toppen}.",),
        "ex": {},
        "boost": {"Leder": 2.0},
    },
    "ventetid": {
        "label": "Kortere ventetid på PPT og BUP",
        "core": (
            "Kortere ventetid {hos PPT|på BUP|hos PPT og BUP}.",
            "{Raskere|Kjappere} {hjelp|svar} etter {henvisning|at vi har meldt fra}.",
        ),
        "short": ("Kortere ventetid", "Ventetid PPT", "raskere utredning"),
        "elab": ("{Det|Ventetiden} {ødelegger|undergraver} {mye|alt} av {den tidlige innsatsen|det vi prøver å få til}.",),
        "ex": {},
        "boost": {"Skole/SFO": 1.5, "Barnehage": 1.5},
    },
    "oppfolging_avtaler": {
        "label": "Oppfølging av det som er avtalt",
        "core": (
            "{At|Sikre at} det {som blir avtalt|vi avtaler} {faktisk blir fulgt opp|skjer}.",
            "{Skriftlige|Korte} referater {med hvem som gjør hva|og frister}, {og|} evaluering {etter noen uker|underveis}.",
            "{Mindre prat|Mindre møter}, mer {handling|oppfølging}.",
        ),
        "short": ("Oppfølging", "referat og frister", "Evaluering av tiltak"),
        "elab": ("{For ofte|Alt for ofte} {blir ting liggende|skjer ingenting} etter møtet.",),
        "ex": {},
        "boost": {},
    },
    "forenkle": {
        "label": "Forenkle verktøy og dokumentasjon",
        "core": (
            "{Forenkle stafettloggen|Forenkle dokumentasjonen|Gjøre skjemaene enklere}.",
            "{Mindre|Slutt på} dobbeltdokumentasjon {i flere systemer|– vi skriver det samme tre steder}.",
            "{Ett felles|Et felles} {system|digitalt verktøy} {for alle tjenestene|som alle har tilgang til}.",
        ),
        "short": ("Enklere stafettlogg", "mindre skjema", "ett felles system"),
        "elab": ("{Systemene|Verktøyene} snakker ikke sammen, {og det tar tid|så vi gir opp}.",),
        "ex": {},
        "boost": {},
    },
}
