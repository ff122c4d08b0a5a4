"""Phrase data for [innspill_fire_tema] (Kristiansand's four themes).

Same theme spec as fragments_tjenester, plus two voice lists answered by non-staff roles:
``parent`` (role Forelder) and ``youth`` (role Ungdom), each holding whole sentences.
"""

from __future__ import annotations

HVOR_TRYKKER_SKOEN: dict[str, dict] = {
    "psykisk_uhelse": {
        "label": "Psykisk uhelse, stress og press blant unge",
        "core": (
            "{Psykisk uhelse|Psykiske plager|Angst og depresjon} blant {unge|ungdom|stadig yngre barn} {øker|er den største utfordringen}.",
            "{Mange|Flere og flere} {unge|jenter} {sliter med|strever med} {stress og press|prestasjonspress|angst}, {både på skolen og på sosiale medier|og vi ser det tidligere enn før}.",
            "{Vi ser|Det er} {mer|økende} {selvskading|angst|psykisk uhelse} {hos elevene|blant ungdommene} {enn for noen år siden|etter pandemien}.",
        ),
        "short": ("Psykisk helse", "Angst og stress", "press på unge", "psykisk uhelse"),
        "elab": (
            "{Og|Men} hjelpen {er vanskelig å få|kommer for sent}.",
            "{Ungdata|Elevundersøkelsen} viser {det samme|en økning} {år etter år|hos oss også}.",
        ),
        "ex": {
            "Helsestasjon/skolehelsetjeneste": ("{De fleste|Mange} samtalene {jeg har|vi har} handler om {angst, søvn og stress|press og kropp}.",),
            "Psykisk helse og rus": ("Vi får henvendelser om {barn ned i 10-årsalderen|stadig yngre barn} med {angst|spiseproblemer}.",),
        },
        "parent": (
            "{Datteren|Sønnen} min har {angst|slitt psykisk} i {over et år|lang tid}, og vi {aner ikke|vet ikke} hvor vi skal gå.",
            "Presset på ungdommene {er enormt|er altfor stort}, {både karakterer, kropp og sosiale medier|og det begynner tidlig}.",
        ),
        "youth": (
            "{mange|veldig mange} {sliter psykisk|har angst} men {sier det ikke|ingen snakker om det}",
            "{Alt for mye|Mye} press. {Karakterer|Skole}, {trening|kropp}, {snap|tiktok}.",
        ),
        "boost": {"Helsestasjon/skolehelsetjeneste": 2.0, "Psykisk helse og rus": 2.0},
    },
    "skolefravaer": {
        "label": "Skolefravær og skolevegring",
        "core": (
            "{Skolefravær|Skolevegring|Bekymringsfullt fravær} {øker|er et stort problem}, {også på barnetrinnet|helt ned på småtrinnet}.",
            "{Barn|Elever} som {ikke klarer å gå på skolen|blir hjemme|har høyt fravær} {over lang tid|i månedsvis}.",
        ),
        "short": ("Skolefravær", "Skolevegring", "høyt fravær"),
        "elab": (
            "{Bak fraværet|Bak det} {ligger|er det} ofte {angst, mobbing eller problemer hjemme|mye vi ikke ser}.",
            "{Jo lenger det går|Når det har gått lenge}, {jo vanskeligere er det å komme tilbake|er det nesten umulig å snu}.",
        ),
        "ex": {"Skole/SFO": ("Vi har {flere|minst fem} elever {på mitt trinn|på skolen} med over {20|30} prosent fravær.",)},
        "parent": (
            "{Sønnen|Datteren} min har {ikke vært på skolen|vært hjemme} {siden jul|på flere måneder}, og {skolen sier de har gjort det de kan|ingen tar ansvar}.",
        ),
        "youth": ("folk {skulker|er borte} fordi {skolen er kjip|de ikke orker}", "{Mange|Noen} i klassen min er nesten aldri på skolen"),
        "boost": {"Skole/SFO": 2.5, "PPT": 1.5},
    },
    "lavinntekt": {
        "label": "Dårlig økonomi og lavinntekt",
        "core": (
            "{Familier med dårlig råd|Lavinntektsfamilier|Barnefattigdom}. {Barna|Mange barn} {kan ikke være med på|faller utenfor} {fritidsaktiviteter|bursdager og fritid}.",
            "{Dårlig økonomi|Økonomi} {hjemme|i familiene} {går ut over barna|preger mange barn}, {særlig nå med|spesielt etter} {høye priser|prisøkningen}.",
            "{Det koster|Alt koster} {penger|mye} – {utstyr|kontingent|turer}, og {ikke alle|mange familier} {har råd|klarer det}.",
        ),
        "short": ("Økonomi", "Barnefattigdom", "dårlig råd", "lavinntekt"),
        "elab": ("Barna {skammer seg|sier ikke fra}, {så|og} vi ser det ikke alltid.",),
        "ex": {"NAV": ("{Mange|Flere} familier vi møter {har ikke råd til|sliter med å betale} {strøm og mat|husleie}, og da blir fritid nedprioritert.",)},
        "parent": ("Vi har ikke råd til {at barna er med på fotball|kontingent og utstyr}, og {barna merker det|det er flaut å si}.",),
        "youth": ("ikke alle har råd til {å være med på ting|trening|å gå på kino}", "{Alt|alt} koster penger"),
        "boost": {"NAV": 3.0, "Frivillig": 1.5, "Kultur/fritid": 1.5},
    },
    "ensomhet": {
        "label": "Ensomhet og utenforskap",
        "core": (
            "{Ensomhet|Utenforskap} – {barn og unge|mange unge} {som ikke har noen venner|som ikke hører til noe sted}.",
            "{Mange|En del} {barn|ungdommer} {sitter alene|er mye alene} {hjemme|med skjermen} {etter skolen|i helgene}.",
        ),
        "short": ("Ensomhet", "utenforskap", "unge som er alene"),
        "elab": ("{Det|Dette} er {vanskelig å se|skjult}, {fordi de ikke lager bråk|de er stille}.",),
        "ex": {"Kultur/fritid": ("{Mange|Flere} som kommer på klubben sier at det er {det eneste stedet de treffer noen|eneste gang i uka de er sosiale}.",)},
        "parent": ("{Sønnen|Datteren} min har ingen venner {på skolen|i klassen}, og det {er vondt å se|ingen voksne har sett}.",),
        "youth": ("{mange|noen} er {ensomme|alene hele tiden}", "ikke alle har venner å være med"),
        "boost": {"Kultur/fritid": 2.0, "Frivillig": 1.5},
    },
    "foreldre_rus_psykisk": {
        "label": "Foreldre med rus eller psykiske vansker",
        "core": (
            "{Foreldre|Barn av foreldre} med {rus|psykiske vansker|rus og psykiske vansker} {blir ikke sett|får for lite hjelp}.",
            "{Barn som pårørende|Barna til foreldre som sliter} {faller|glemmes} {lett|ofte} {ut|bort}.",
        ),
        "short": ("Foreldre med rus", "barn som pårørende", "psykisk syke foreldre"),
        "elab": ("{Voksentjenestene|Voksenpsykiatrien} {spør ikke|glemmer å spørre} om {det er barn i huset|barna}.",),
        "ex": {"Psykisk helse og rus": ("Vi {har mange|følger opp mange} {pasienter|foreldre} der barna {ikke har fått noen informasjon|ikke vet hva som skjer}.",)},
        "boost": {"Psykisk helse og rus": 2.5, "Barnevern": 1.5},
    },
    "ventetid_hjelp": {
        "label": "Hjelpen kommer for sent (ventetid)",
        "core": (
            "{Hjelpen|Hjelp} kommer {for sent|altfor sent}. {Ventetiden hos BUP og PPT er for lang|Ventelistene hos BUP og PPT er for lange|Køen på utredning er lang}.",
            "{Barn|Familier} {må vente|venter} {i månedsvis|lenge} {på hjelp|før noe skjer}, og {i mellomtiden|imens} blir det verre.",
        ),
        "short": ("Ventetid", "lang ventetid", "hjelpen kommer for sent"),
        "elab": ("{Det|Ventetiden} {gjør|fører til} at {små problemer blir store|familier gir opp}.",),
        "ex": {},
        "parent": ("Vi {har ventet|ventet} {ni|elleve|fjorten} måneder på {utredning|BUP}. {Imens|I mellomtiden} {ble det bare verre|fikk vi ingen hjelp}.",),
        "youth": ("det tar {sykt|alt for} lang tid å få hjelp",),
        "boost": {"Forelder": 2.0},
    },
    "mobbing_skjerm": {
        "label": "Mobbing, netthets og skjermbruk",
        "core": (
            "{Mobbing|Digital mobbing|Netthets} {på sosiale medier|på Snapchat|i gruppechatter} {som vi voksne ikke ser|som foregår hele døgnet}.",
            "{Mye|For mye} skjermtid, {og|} {lite søvn|lite fysisk aktivitet}, {allerede fra barneskolen|også hos de minste}.",
            "{Tøff tone|Hard sjargong} og {utestenging|mobbing} {i klassene|blant elevene}.",
        ),
        "short": ("Mobbing", "skjermtid", "netthets", "sosiale medier"),
        "elab": ("{Foreldrene|Mange foreldre} {vet ikke hva som skjer|har ikke oversikt} på mobilen.",),
        "ex": {"Skole/SFO": ("{Konfliktene|Det meste} {starter på Snap på kvelden|skjer i chatter} og {tas med inn i klasserommet|havner hos oss neste dag}.",)},
        "parent": ("{Datteren|Sønnen} min {ble mobbet|blir mobbet} {i flere år|i hele barneskolen}, og {skolen gjorde for lite|ingen tok det på alvor}.",),
        "youth": ("{mye|masse} drama på snap", "folk blir {mobba|holdt utenfor} og lærerne {ser det ikke|gjør ingenting}"),
        "boost": {"Skole/SFO": 2.0},
    },
    "foreldrekonflikt": {
        "label": "Foreldrekonflikt og høykonflikt-samlivsbrudd",
        "core": (
            "{Høykonflikt|Konflikter} {mellom foreldre|etter samlivsbrudd} {der barna står i midten|som går ut over barna}.",
            "{Barn|Mange barn} {blir brukt|havner} i {foreldrenes konflikt|midten av foreldrenes konflikter}.",
        ),
        "short": ("Foreldrekonflikt", "samlivsbrudd", "høykonflikt"),
        "elab": ("{Det|Dette} {tar|krever} mye {tid|ressurser} {i barnehagen og skolen|hos oss}, {og|men} {ingen har egentlig ansvaret|familievernet har lang ventetid}.",),
        "ex": {},
        "boost": {"Barnevern": 1.5, "Barnehage": 1.3},
    },
    "atferd_rus_unge": {
        "label": "Atferdsvansker, rus og vold blant unge",
        "core": (
            "{Utfordrende atferd|Atferdsvansker} {hos barn|blant de yngste}, {og vi vet ikke hva vi skal gjøre|og lite kompetanse på det}.",
            "{Rus|Vape og hasj|Rus og vold} {blant unge|i ungdomsmiljøet} {øker|er mer synlig}, {særlig i helgene|også blant de yngste}.",
            "{En liten gruppe ungdom|Noen ungdomsgjenger} {står for|er involvert i} {mye vold og trusler|mye uro i sentrum}.",
        ),
        "short": ("Atferdsvansker", "rus", "vold blant unge", "vape"),
        "elab": ("{Vi må|Vi må klare å} fange dem opp {før|tidligere}, {ikke når politiet er inne|ikke først i ungdomsskolen}.",),
        "ex": {
            "Politi/SLT": ("Vi ser {yngre|stadig yngre} gutter {involvert i|i} {vold|kriminalitet} og {salg av rus|narkotika}, {ned i 13-årsalderen|fra ungdomsskolen}.",),
            "Barnehage": ("{Vi har|Det er} {flere|mange} barn med {utagerende atferd|sinneutbrudd} og {for få voksne|lite veiledning}.",),
        },
        "youth": ("{Mye|mye} {vaping|hasj} {på skolen|i helgene}", "folk {slåss|er voldelige} i sentrum i helgene"),
        "boost": {"Politi/SLT": 3.0, "Barnehage": 1.3},
    },
    "minoritet": {
        "label": "Flyktninger, språk og integrering",
        "core": (
            "{Familier med flyktningbakgrunn|Nyankomne familier|Minoritetsfamilier} {kjenner ikke systemet|får ikke god nok informasjon}.",
            "{Språk|Språkbarrierer} {gjør det vanskelig|står i veien} {å komme i kontakt med foreldrene|for samarbeid med hjemmet}.",
        ),
        "short": ("Integrering", "språkbarrierer", "flyktningfamilier"),
        "elab": ("{Mange|Noen} {er redde for barnevernet|har dårlige erfaringer med myndigheter}.",),
        "ex": {"Annet": ("I flyktningtjenesten ser vi at {foreldrene|familiene} {ikke vet hva helsestasjonen er|ikke skjønner hvordan skolen fungerer}.",)},
        "boost": {"Annet": 2.0, "NAV": 1.5},
    },
}

MELLOM_TO_STOLER: dict[str, dict] = {
    "psykisk_helse_bup": {
        "label": "For syk for kommunen, for frisk for BUP",
        "core": (
            "{Barn|Unge} som er {for syke for kommunen og for friske for BUP|for dårlige for helsesykepleier, men ikke syke nok for BUP}.",
            "{Henvisninger|Saker} {til BUP blir avvist|blir sendt tilbake fra BUP}, og {kommunen har ikke noe tilbud|så står vi der}.",
        ),
        "short": ("Mellom kommunen og BUP", "avvist av BUP", "psykisk helse"),
        "elab": ("Denne gruppen {vokser|blir større}, {og ingen eier dem|og de blir kasteballer}.",),
        "ex": {},
        "parent": ("{BUP|Spesialisthelsetjenesten} {avviste henvisningen|sa nei}, og {kommunen|helsesykepleier} sa {de ikke hadde kompetanse|det var for alvorlig for dem}.",),
        "youth": ("man er liksom ikke syk nok til å få hjelp",),
        "boost": {"Psykisk helse og rus": 2.0, "Helsestasjon/skolehelsetjeneste": 1.5, "Forelder": 1.5},
    },
    "overganger": {
        "label": "Overganger (barnehage–skole, 18 år, videregående)",
        "core": (
            "I {overgangene|overgangen} {fra barnehage til skole|fra ungdomsskole til videregående|når de fyller 18}.",
            "{Informasjonen|Kunnskapen om barnet} {forsvinner|blir borte} {i overgangen|når de bytter skole}, {og vi begynner på nytt|og de må starte fra null}.",
            "{Ungdom|De} som {fyller 18|går over til voksentjenestene} {mister hjelpen|faller ut}.",
        ),
        "short": ("Overganger", "overgang til vgs", "ved 18 år"),
        "elab": ("{Videregående|Fylkeskommunen} {er ikke med|er ikke invitert} {når vi planlegger|i samarbeidet}.",),
        "ex": {"Barnehage": ("{Vi vet|Vi har vært bekymret for} {mye om barna|barn i flere år}, men {skolen får ikke vite det|det blir ikke med i overføringen}.",)},
        "youth": ("når man begynner på vgs {er det ingen som vet noe|må man fortelle alt på nytt}",),
        "boost": {"Barnehage": 1.5, "Skole/SFO": 1.5},
    },
    "ingen_koordinerer": {
        "label": "Mange tjenester, ingen koordinerer",
        "core": (
            "{Når|Der} {mange|flere} tjenester er inne {og ingen koordinerer|uten at noen har ansvaret}.",
            "{Familiene|Foreldrene} må {fortelle historien sin|forklare alt} {om igjen|på nytt} til {hver tjeneste|hver nye saksbehandler}.",
            "{Alle|Tjenestene} {tror at noen andre har ansvaret|venter på hverandre}.",
        ),
        "short": ("Ingen koordinator", "for mange instanser", "ansvarsfraskrivelse"),
        "elab": ("{Foreldrene|Familien} {ender opp som koordinatorer|blir slitne av alle møtene}.",),
        "ex": {},
        "parent": (
            "Vi har {seks|sju|åtte} instanser inne, og {ingen snakker sammen|ingen vet hva de andre gjør}. Jeg er {koordinatoren|den som holder oversikten}.",
            "Jeg har fortalt {historien vår|om sønnen min} {til minst ti forskjellige|om igjen og om igjen til nye} fagfolk.",
        ),
        "boost": {"Forelder": 2.0, "Leder": 1.3},
    },
    "under_terskelen": {
        "label": "Under barnevernets terskel",
        "core": (
            "{Familier|Barn} som {ikke er alvorlige nok|er under terskelen} {for barnevernet|til barnevernet}, men {som trenger mer enn barnehagen og skolen kan gi|der barnehagen og skolen ikke strekker til}.",
            "{Bekymringsmeldinger|Saker} {blir henlagt|legges bort}, og så {står vi alene med|er det ingen som følger opp} {bekymringen|familien}.",
        ),
        "short": ("Under terskelen", "henlagte saker", "ikke alvorlig nok"),
        "elab": ("{Det mangler|Vi mangler} {tiltak på det mellomste nivået|et lavterskeltilbud for familier}.",),
        "ex": {"Barnevern": ("{Mange|En stor del} av meldingene vi henlegger {trenger hjelp|burde fått et tilbud}, bare ikke fra barnevernet.",)},
        "boost": {"Barnevern": 2.0, "Barnehage": 1.3, "Skole/SFO": 1.3},
    },
    "utredning_diagnose": {
        "label": "Venter på utredning eller diagnose",
        "core": (
            "{Barn|Elever} som {venter på utredning|ikke har diagnose} får {ikke hjelp|ikke tilrettelegging} {i mellomtiden|før den er på plass}.",
            "{Hjelpen|Tilretteleggingen} {henger på|er avhengig av} {en diagnose|en sakkyndig vurdering}, {og det tar tid|mens behovet er der nå}.",
        ),
        "short": ("Venter på utredning", "krav om diagnose", "sakkyndig vurdering"),
        "elab": ("{Det burde|Det må} {være mulig|gå an} å hjelpe {ut fra behovet|uten diagnose}.",),
        "ex": {"PPT": ("Vi {får|skriver} {sakkyndige vurderinger|rapporter} som {skolen ikke har ressurser til å følge opp|blir liggende}.",)},
        "parent": ("{Skolen|De} sier de {ikke kan gjøre noe|må vente} før {PPT er ferdige|utredningen er ferdig}. Det har tatt {over ett år|to år}.",),
        "boost": {"PPT": 2.0, "Forelder": 1.5},
    },
    "kveld_helg": {
        "label": "Ingen hjelp etter kl. 16 og i helgene",
        "core": (
            "{Etter klokka|Etter kl.} {15|16} og i helgene {er det ingen å ringe|er alt stengt}.",
            "{Krisene|Ting} skjer {på kveldstid og i helgene|i ferier}, {når tjenestene|mens tjenestene} {er stengt|har fri}.",
        ),
        "short": ("Kveld og helg", "ferier", "etter kontortid"),
        "elab": ("{Barnevernsvakta|Legevakta} {er for|tar bare} {akutte saker|det aller mest akutte}.",),
        "ex": {"Kultur/fritid": ("Vi på klubben {møter ungdom på kveldstid|er der på kvelden} {med ting som ingen andre får vite om|når de andre er gått hjem}, og {vet ikke hvem vi skal ringe|står alene med det}.",)},
        "youth": ("{Helsesykepleier|Alle} er {borte|stengt} når man trenger {det|dem}",),
        "boost": {"Kultur/fritid": 2.5, "Politi/SLT": 2.0},
    },
    "foreldre_voksentjenester": {
        "label": "Voksentjenestene ser ikke barna",
        "core": (
            "{Mellom voksentjenestene og barnetjenestene|Mellom NAV, voksenpsykiatrien og barnetjenestene}. {Barna|Barneperspektivet} {blir glemt|forsvinner}.",
            "{Når foreldrene får hjelp|Når mor eller far er syk}, {er det ingen som spør om barna|blir barna stående utenfor}.",
        ),
        "short": ("Barn som pårørende", "voksentjenestene", "NAV og barnetjenestene"),
        "elab": ("{Vi trenger|Det trengs} {barneansvarlig|en barneansvarlig} {i alle voksentjenester|som faktisk gjør jobben}.",),
        "ex": {"NAV": ("{Hos oss|I NAV} {er det|har vi} {familier med barn|foreldre} der {ingen i barnetjenestene vet hvordan de har det|vi ikke vet hvem vi skal kontakte}.",)},
        "boost": {"NAV": 2.5, "Psykisk helse og rus": 2.5},
    },
    "funksjonsnedsettelse": {
        "label": "Barn med funksjonsnedsettelser og deres familier",
        "core": (
            "{Familier med barn med funksjonsnedsettelser|Foreldre til barn med store behov} {må kjempe|må slåss} for {alt|hver eneste tjeneste}.",
            "{Avlastning|Barnekoordinator|Individuell plan} {finnes på papiret|er vanskelig å få}, men {ikke i praksis|tar altfor lang tid}.",
        ),
        "short": ("Funksjonsnedsettelser", "avlastning", "barnekoordinator"),
        "elab": ("{Foreldrene|Mange} {blir utslitt|går på en smell}.",),
        "ex": {},
        "parent": ("Vi {har søkt om|har ventet på} {avlastning|barnekoordinator} {i et år|lenge} og {har ikke fått svar|fikk avslag}.",),
        "boost": {"Forelder": 2.0, "Organisasjon": 2.0},
    },
    "flytting": {
        "label": "Familier som flytter mellom kommuner",
        "core": (
            "{Familier som flytter|Når familier flytter} {mellom kommuner|ofte}, {mister vi dem|følger ikke informasjonen med}.",
            "{Barn|Elever} som {bytter skole ofte|flytter mye} {faller mellom alle stoler|blir ikke fanget opp}.",
        ),
        "short": ("Flytting", "bytte av kommune"),
        "elab": ("{Tiltakene|Oppfølgingen} {stopper opp|starter på nytt} {hver gang|i ny kommune}.",),
        "ex": {},
        "boost": {},
    },
}

BEDRE_SAMARBEID: dict[str, dict] = {
    "moteplasser": {
        "label": "Faste møteplasser på tvers",
        "core": (
            "{Faste|Jevnlige} {møteplasser|møter} {på tvers av tjenestene|med <other>}, {ikke bare når det brenner|også når det er rolig}.",
            "{Vi må|Vi trenger å} {møtes oftere|treffes fysisk}, {og bli kjent med hverandre|og ikke bare på Teams}.",
        ),
        "short": ("Faste møter", "møteplasser", "treffes oftere"),
        "elab": ("Når vi {kjenner hverandre|har et ansikt på folk}, {er det lettere å ringe|går samarbeidet av seg selv}.",),
        "ex": {},
        "boost": {},
    },
    "kjenne_tilbud": {
        "label": "Kjenne hverandres tilbud",
        "core": (
            "{Bedre|Mer} kjennskap til {hva de andre tjenestene gjør|hverandres tilbud og mandat}.",
            "{En oversikt|En enkel oversikt|Et kart} over {alle tilbudene|hvem som gjør hva} {i kommunen|for barn og familier}, {som holdes oppdatert|på ett sted}.",
        ),
        "short": ("Oversikt over tilbud", "kjenne hverandre", "tjenestekatalog"),
        "elab": ("{Hospitering|Å hospitere} hos {hverandre|andre tjenester} {hadde vært nyttig|kunne hjulpet}.",),
        "ex": {},
        "boost": {"Kultur/fritid": 1.5, "Frivillig": 1.5, "Organisasjon": 1.5},
    },
    "tydelig_ansvar": {
        "label": "Tydelig ansvar og én koordinator",
        "core": (
            "{Tydelig ansvar|Tydeligere ansvarsfordeling}. {Én|En} {koordinator|kontaktperson} {for familien|i hver sak}.",
            "{Noen må ha ansvaret|Det må være klart hvem som har ansvaret} {for helheten|for å kalle inn}.",
        ),
        "short": ("Tydelig ansvar", "én koordinator", "én kontaktperson"),
        "elab": ("{Og|Da må} {koordinatoren|den personen} {ha tid|få tid} {til oppgaven|til å gjøre det}.",),
        "ex": {},
        "parent": ("Gi oss {én person|én kontaktperson} {å forholde oss til|som vi kan ringe}, {ikke ti|ikke en ny hver gang}.",),
        "youth": ("at det er {en|én} voksen som har ansvaret {og ikke ti forskjellige|som man kan snakke med}",),
        "boost": {"Forelder": 1.5, "Leder": 1.5},
    },
    "taushetsplikt": {
        "label": "Felles forståelse av taushetsplikt og samtykke",
        "core": (
            "{Felles forståelse av|Opplæring i} {taushetsplikt og samtykke|hva vi kan dele}.",
            "{Spørre foreldrene om samtykke|Be om samtykke} {tidlig|fra start}, så vi kan snakke sammen.",
        ),
        "short": ("Taushetsplikt", "samtykke", "felles samtykkeskjema"),
        "elab": ("{Taushetsplikten|Den} skal beskytte familien, {ikke hindre hjelp|ikke stoppe samarbeidet}.",),
        "ex": {},
        "boost": {"Helsestasjon/skolehelsetjeneste": 1.5, "Barnevern": 1.5},
    },
    "ledelse": {
        "label": "Ledelse, forankring og tid",
        "core": (
            "{Ledelsen|Ledere} må {prioritere|sette av tid til} samarbeid, {ikke bare snakke om det|og etterspørre det}.",
            "{Tid|Avsatt tid} {i arbeidsplanen|i stillingen} til {samarbeid|møter på tvers}.",
        ),
        "short": ("Tid", "ledelsesforankring", "avsatt tid"),
        "elab": ("{I dag|Nå} {er samarbeid noe vi gjør|skjer det} {i tillegg til alt annet|når vi har tid}.",),
        "ex": {},
        "boost": {"Leder": 2.0, "Ansatt": 1.2},
    },
    "samlokalisering": {
        "label": "Samlokalisering og Familiens hus",
        "core": (
            "{Samlokalisering|Familiens hus} {der|hvor} {helsestasjon, PPT og barnevern|tjenestene} {sitter sammen|er under samme tak}.",
            "{At|Om} {<other>|barnevernet|PPT} {har kontordag|er til stede} {på skolen|i barnehagen} {fast|en dag i uka}.",
        ),
        "short": ("Samlokalisering", "Familiens hus", "kontordag på skolen"),
        "elab": ("{Korte veier|Kort vei} {gjør alt lettere|betyr mye}.",),
        "ex": {},
        "boost": {"Skole/SFO": 1.3, "Barnehage": 1.3},
    },
    "tilbakemelding": {
        "label": "Tilbakemelding etter bekymringsmelding og henvisning",
        "core": (
            "{Tilbakemelding|At vi får tilbakemelding} {fra barnevernet|fra PPT|fra <other>} {etter at vi har meldt|om hva som skjer videre}.",
            "{Bedre|Mer} {kommunikasjon|dialog} {underveis|i sakene}, {ikke|så vi ikke blir sittende} {bare et brev etter tre måneder|uten å vite noe}.",
        ),
        "short": ("Tilbakemelding", "dialog underveis"),
        "elab": ("{Da vet vi|Vi trenger å vite} {hva vi skal se etter|hvordan vi skal følge opp barnet} {videre|i hverdagen}.",),
        "ex": {},
        "boost": {"Barnehage": 1.5, "Skole/SFO": 1.5},
    },
    "foreldre_med": {
        "label": "Foreldre og barn med i samarbeidet",
        "core": (
            "{Ha foreldrene med|Ta med familien} {i møtene|fra starten}, {ikke snakke om dem|ikke bare om dem}.",
            "{Lytte til|Høre på} {foreldrene|familien} – de {kjenner barnet best|er ekspertene på eget barn}.",
        ),
        "short": ("Foreldre med", "familien med"),
        "elab": ("Det sparer mye tid {senere|i lengden}.",),
        "ex": {},
        "parent": ("{Behandle|Se på} oss foreldre som {en ressurs|en del av laget}, {ikke som et problem|ikke som en sak}.",),
        "boost": {"Forelder": 2.5},
    },
    "felles_system": {
        "label": "Felles digitale verktøy",
        "core": (
            "{Felles|Samme} {digitale system|verktøy|stafettlogg} {for alle tjenestene|som alle kan bruke}.",
            "{Systemene|Journalsystemene} {snakker ikke sammen|må kunne snakke sammen}.",
        ),
        "short": ("Felles system", "Stafettlogg", "digitale verktøy"),
        "elab": ("{Nå|I dag} {sender vi|går mye på} {brev og telefon|e-post og papir}.",),
        "ex": {},
        "boost": {"Leder": 1.3},
    },
}

REELL_INNFLYTELSE: dict[str, dict] = {
    "spor_tidlig": {
        "label": "Spør tidlig, før beslutningene er tatt",
        "core": (
            "{Spør|Spørre} {dem|barna og foreldrene} {tidlig|før beslutningene tas}, {ikke når alt er bestemt|ikke bare for syns skyld}.",
            "{Medvirkning|Innflytelse} {må skje|må komme} {tidlig i prosessen|før planen er skrevet}.",
        ),
        "short": ("Spør tidlig", "før beslutningen", "tidlig medvirkning"),
        "elab": ("{Ellers|Nå} {blir det|føles det som} {skinnmedvirkning|et spill for galleriet}.",),
        "ex": {},
        "parent": ("Vi {blir spurt|får høre om det} når {alt er bestemt|vedtaket er fattet}. {Spør oss før|Det er for sent}.",),
        "youth": ("spør oss {før|før dere bestemmer}, ikke etterpå", "{de|voksne} spør når alt {er bestemt|allerede er bestemt}"),
        "boost": {},
    },
    "ungdomsrad": {
        "label": "Styrke ungdomsråd og elevråd",
        "core": (
            "{Styrke|Bruke} {ungdomsrådet|elevrådene} {mer|skikkelig}, {med eget budsjett|og ta dem med i planarbeidet}.",
            "{Ungdomsrådet|Elevrådet} må {få saker|bli spurt} {tidlig|på ordentlig}, {ikke bare få informasjon|ikke bare høres}.",
        ),
        "short": ("Ungdomsrådet", "elevråd", "eget budsjett til unge"),
        "elab": ("{Og|Men} {det er ofte de samme|de flinkeste} som {er med|blir hørt}.",),
        "ex": {},
        "youth": ("{ungdomsrådet|elevrådet} {får ikke bestemme noe|blir ikke tatt på alvor}", "la {ungdomsrådet|oss} få {bestemme over noen penger|egne penger}"),
        "boost": {"Ungdom": 2.0},
    },
    "vise_resultat": {
        "label": "Vise hva innspillene førte til",
        "core": (
            "{Vis|Vise} {hva som ble gjort med innspillene|hva innspillene førte til}, {ellers slutter folk å svare|ellers gidder ingen}.",
            "{Tilbakemelding|Gi tilbakemelding} {til dem som har svart|om hva som skjedde videre}.",
        ),
        "short": ("Tilbakemelding", "vis resultatet"),
        "elab": ("Vi {har svart på mange undersøkelser|har vært med på mye} og {hører aldri noe mer|vet ikke hva som skjedde}.",),
        "ex": {},
        "youth": ("si hva {dere gjorde|som skjedde} med det vi sa", "vi svarer på ting og så skjer det ingenting"),
        "boost": {},
    },
    "barnesamtaler": {
        "label": "Snakke med barnet, barnesamtaler",
        "core": (
            "{Snakke med barna|Samtaler med barnet} {alene|direkte}, {ikke bare med foreldrene|og ta det de sier på alvor}.",
            "{Kompetanse|Mer kompetanse} på {barnesamtaler|å snakke med barn}, {særlig de minste|også barn uten språk}.",
            "{Barnets stemme|Barnets mening} må {komme fram|stå} {i alle planer og vedtak|i dokumentene}.",
        ),
        "short": ("Barnesamtaler", "barnets stemme", "snakk med barna"),
        "elab": ("{Barn|Selv små barn} {kan si mye|har mye å si} {hvis vi spør på riktig måte|om vi gir dem tid}.",),
        "ex": {"Barnevern": ("{Vi har|Det er} {fått mer|satt av tid til} barnesamtaler, {og det har endret|men det er fortsatt for lite i} {mange saker|praksis}.",)},
        "youth": ("{voksne|de} {snakker om oss|snakker over hodet på oss} og ikke med oss",),
        "boost": {"Barnevern": 2.0, "Barnehage": 1.2},
    },
    "tilpassede_former": {
        "label": "Tilpassede og anonyme måter å si meningen sin",
        "core": (
            "{Anonyme|Digitale} {undersøkelser|kanaler}, {enkelt språk|kort og enkelt} og {tolk|oversettelse} {der det trengs|til foreldre som trenger det}.",
            "{Gå dit ungdommene er – på klubben, i skolen, i idrettshallen|Møte familiene der de er – i barnehagen og på helsestasjonen}.",
        ),
        "short": ("Anonyme undersøkelser", "gå dit de er", "enkelt språk"),
        "elab": ("{Ikke alle tør å si noe|Mange snakker ikke} i {store møter|et møte med politikere}.",),
        "ex": {},
        "youth": ("{anonymt|anonyme svar} er {best|lettere}", "ha {møter|ting} {på klubben|etter skolen}, ikke på rådhuset"),
        "boost": {"Ungdom": 1.5, "Kultur/fritid": 1.5},
    },
    "foreldre_partnere": {
        "label": "Foreldre som likeverdige partnere",
        "core": (
            "{Foreldrene|Foreldre} må {få være likeverdige|bli møtt som likeverdige} {i møtene|partnere}.",
            "{Ikke|Unngå at} {én forelder|foreldre} {sitter alene|møter alene} {mot åtte fagfolk|mot et helt team}.",
        ),
        "short": ("Likeverdige foreldre", "foreldre som partnere"),
        "elab": ("{Det|Sånne møter} {er skremmende|oppleves som et avhør}.",),
        "ex": {},
        "parent": ("Jeg har {sittet|vært} i møter med {sju|åtte|ti} fagpersoner {og følt meg dum|og ikke fått sagt noe}.", "{Les referatet|Vis oss referatet} {sammen med oss|før det sendes}."),
        "boost": {"Forelder": 2.5},
    },
    "erfaringskonsulenter": {
        "label": "Erfaringsungdom og brukerorganisasjoner",
        "core": (
            "{Bruke|Ta i bruk} {erfaringsungdom|erfaringskonsulenter|brukerorganisasjonene} {mer|systematisk}.",
            "{Et brukerråd|Et eget råd} for {foreldre|familier} {som har fått hjelp|med erfaring fra tjenestene}.",
        ),
        "short": ("Erfaringsungdom", "brukerorganisasjoner", "brukerråd"),
        "elab": ("De {vet hva som faktisk hjelper|har erfaring vi ikke har}.",),
        "ex": {},
        "boost": {"Organisasjon": 3.0, "Barnevern": 1.3},
    },
}

SKJONN_SITUASJON: dict[str, dict] = {
    "rask_hjelp": {
        "label": "Skjønn ga rask hjelp uten byråkrati",
        "core": (
            "{En|Ei} {elev|jente|gutt} {kom innom kontoret|tok kontakt} {uten time|i friminuttet}. Vi {tok samtalen med en gang|satte av tid der og da}, og {det ble starten på|det åpnet for} {mer hjelp|et godt forløp}.",
            "Vi {startet tiltak|satte inn hjelp} {før vedtaket var på plass|uten å vente på henvisning}, og {det gjorde stor forskjell|familien slapp å vente}.",
            "{Lederen min|Vi} {valgte å|bestemte oss for å} {gå utenom rutinen|gjøre et unntak}, og {barnet fikk hjelp|det løste seg} {på uker i stedet for måneder|raskt}.",
        ),
        "short": ("Rask hjelp uten henvisning", "droppet skjema, hjalp med en gang"),
        "youth": ("helsesykepleier tok meg inn {selv om jeg ikke hadde time|med en gang} og det hjalp {masse|skikkelig}", "{en lærer|kontaktlæreren} {skjønte|så} at noe var galt og {ordnet ting|snakka med meg} {uten å lage stort nummer av det|med en gang}"),
        "elab": ("{Det|Sånt} {krever|forutsetter} {at noen tør|ledere som støtter oss}.",),
        "ex": {
            "Helsestasjon/skolehelsetjeneste": ("{En mor|En far} {ringte|kom innom} {gråtende|helt fortvilet} en fredag. {Jeg tok henne inn|Vi tok dem inn} {samme dag|med en gang} {i stedet for å sette opp en time om tre uker|selv om timeboka var full}.",),
            "PPT": ("Vi {observerte|var i barnehagen og så} barnet {før henvisningen var formelt i orden|uten å vente på papirene}, og {barnehagen fikk råd med en gang|tiltak kom på plass tidlig}.",),
        },
        "boost": {"Helsestasjon/skolehelsetjeneste": 2.0},
    },
    "fleksibel_skole": {
        "label": "Fleksible løsninger for elever med skolevegring",
        "core": (
            "{En|Ei} elev med {skolevegring|mye fravær} fikk {redusert timeplan|starte senere på dagen|være på et eget rom}, og {kom seg gradvis tilbake|er nå på skolen hver dag}.",
            "Vi {tilpasset|la om} {skoledagen|opplegget} {selv om|uten at} {regelverket egentlig ikke åpnet for det|det fantes et vedtak}, og {det fungerte|eleven kom tilbake}.",
        ),
        "short": ("Fleksibel skoledag", "redusert timeplan hjalp"),
        "youth": ("jeg fikk {slippe noen timer|komme senere} en periode og {det var det som gjorde at jeg klarte skolen|det hjalp}",),
        "elab": ("{Det viktigste|Det som hjalp} var {en voksen som hentet ham|at kontaktlærer ringte hver morgen}.",),
        "ex": {},
        "parent": ("{Skolen|Rektor} lot {sønnen|datteren} min {starte på 50 prosent|komme til andre time}, og {det reddet skoleåret|det var det som hjalp}.",),
        "boost": {"Skole/SFO": 2.5, "Forelder": 1.3},
    },
    "rutiner_i_veien": {
        "label": "Rutiner og krav om henvisning sto i veien",
        "core": (
            "Vi {måtte vente på|måtte ha} {henvisning|vedtak|sakkyndig vurdering} før vi kunne gjøre noe, {og det tok måneder|selv om alle så hva som trengtes}.",
            "{Rutinen|Systemet} {sa at|krevde at} {vi skulle vente|saken måtte gå via} {<other>|ledelsen}, og {i mellomtiden|imens} {ble det verre|mistet vi kontakten med familien}.",
            "{Skjemaer|Papirarbeid} {tok mer tid enn|tok lengre tid enn} {selve hjelpen|møtet med familien}.",
        ),
        "short": ("Ventet på vedtak", "for mye skjema", "rutinene sto i veien"),
        "youth": ("{en venn|vennen min} måtte vente {månedsvis|sykt lenge} på {BUP|hjelp} {fordi det var kø|pga noe papir}",),
        "elab": ("{Det|Sånt} {gjør|får} {folk|oss} {til å miste motivasjonen|til å slutte å melde}.",),
        "ex": {"Barnehage": ("Vi {så|meldte fra om} {språkvansker|store vansker} da gutten var {to|tre}, men {fikk ikke hjelp før han skulle begynne på skolen|PPT kunne ikke komme før etter sommeren}.",)},
        "parent": ("Vi {ble sendt|ble kastet} {fram og tilbake|mellom to kontorer} fordi {et skjema manglet|henvisningen var feil}.",),
        "boost": {"Barnehage": 1.5, "Skole/SFO": 1.3, "Forelder": 1.5},
    },
    "taushetsplikt_situasjon": {
        "label": "Taushetsplikt som sto i veien eller ble løst",
        "core": (
            "Vi {kunne ikke dele|fikk ikke dele} informasjon {med skolen|med <other>} {på grunn av taushetsplikten|fordi vi manglet samtykke}, og {barnet|eleven} {fikk ikke riktig hjelp|ble misforstått}.",
            "{Da vi spurte|Vi spurte} foreldrene {direkte|åpent} om samtykke, {og de sa ja med en gang|og da løste det seg}. {Vi burde gjort det før|Det burde vi gjort tidligere}.",
        ),
        "short": ("Taushetsplikt stoppet oss", "samtykke løste det"),
        "elab": ("{Usikkerheten|Frykten for å gjøre feil} {var verre|var et større problem} enn {selve regelverket|loven}.",),
        "ex": {},
        "boost": {"Helsestasjon/skolehelsetjeneste": 1.8, "Barnevern": 1.5},
    },
    "hjemmebesok": {
        "label": "Oppsøkende kontakt og hjemmebesøk",
        "core": (
            "{I stedet for å sende brev|Da familien ikke svarte på brev}, {dro vi hjem til dem|tok vi en telefon}, og {det snudde saken|da fikk vi kontakt}.",
            "Vi {fulgte|tok med} {familien|mor} {til første møte|til NAV} {selv|personlig}, {det står ikke i noen rutine|det er ikke vår oppgave}, men det virket.",
        ),
        "short": ("Hjemmebesøk", "ringte i stedet for brev"),
        "elab": ("{Relasjonen|Tilliten} {var alt|var det som gjorde forskjellen}.",),
        "ex": {},
        "boost": {"NAV": 1.5, "Helsestasjon/skolehelsetjeneste": 1.3},
    },
    "bekymring_dialog": {
        "label": "Snakket med familien før bekymringsmelding",
        "core": (
            "Vi {snakket med foreldrene|tok en prat med mor} {før vi meldte|i stedet for å melde med en gang}, og {fant ut at|det viste seg at} {de trengte økonomisk hjelp|de ønsket hjelp selv}.",
            "{Anonym drøfting med barnevernet hjalp oss å vurdere|Da vi drøftet saken anonymt med barnevernet, kunne vi vurdere} {riktig|om vi skulle melde}.",
        ),
        "short": ("Anonym drøfting", "snakket med foreldrene først"),
        "elab": ("{Foreldrene|Familien} {ble med på laget|samarbeider godt} {etter det|nå}.",),
        "ex": {},
        "boost": {"Barnehage": 1.5, "Skole/SFO": 1.3},
    },
    "fritid_unntak": {
        "label": "Unntak for å få barn med på fritidsaktiviteter",
        "core": (
            "Vi {lot|har latt} {en gutt|ei jente|noen barn} {være med|trene} {uten å betale|gratis} {og ordnet utstyr|og sa ingenting til de andre}.",
            "{Treneren|Klubben} {hentet|kjørte} {ham|henne} {til trening|hjemmefra} fordi {foreldrene ikke kunne|det ikke gikk buss}.",
        ),
        "short": ("gratis plass på laget", "skaffet utstyr"),
        "youth": ("treneren {ordnet|fiksa} {sko|utstyr} til {en på laget|kompisen min} så han kunne være med",),
        "elab": ("{Nå|I dag} er {han|hun} {en av de mest stabile|med hver uke}.",),
        "ex": {},
        "boost": {"Frivillig": 3.0, "Kultur/fritid": 2.5, "Organisasjon": 2.5},
    },
    "ikke_rom": {
        "label": "Lite rom for skjønn",
        "core": (
            "{Jeg opplever|Vi har} {lite|ikke noe} rom for skjønn. {Alt|Alle saker} {skal gjennom|må følge} {samme prosedyre|samme løp}.",
            "{Ledelsen|Systemet} {sa nei|tillot ikke} {til en enkel løsning|å gjøre et unntak}, {og vi måtte|så vi måtte} {starte en lang prosess|sende en formell henvisning}.",
        ),
        "short": ("Ingen rom for skjønn", "alt må gjennom systemet"),
        "elab": ("{Det er|Det blir} {trygt for systemet|enkelt for ledelsen}, men {ikke for barna|ikke alltid til barnets beste}.",),
        "ex": {},
        "boost": {"Ansatt": 1.3},
    },
}
