"""Phrase data for [ungdomsrad] (answered by 13–18 year olds, informal youth language)."""

from __future__ import annotations

MANGLER_AKTIVITETER: dict[str, dict] = {
    "gratis_henge": {
        "label": "Gratis steder å henge innendørs",
        "core": (
            "{Gratis steder å henge|Et sted å henge} {etter skolen|på kvelden|når det er kaldt} {som ikke koster penger|uten å måtte kjøpe noe}.",
            "{Et|Noe} sted {å være|å chille} med venner {inne|innendørs} {uten at voksne maser|der man ikke blir kastet ut}.",
            "{Vi henger|Man henger} {på kjøpesenteret|på bensinstasjonen|utenfor butikken} fordi det {ikke finnes noe annet|er det eneste stedet}.",
        ),
        "short": ("Gratis steder å henge", "sted å henge", "et sted å være inne", "chillested"),
        "elab": (
            "{Vaktene|De ansatte} {kaster oss ut|liker ikke at vi er der}.",
            "{Det er|Sånn er det} {særlig|spesielt} {om vinteren|når det regner}.",
        ),
        "boost": {"13–14": 1.3, "15–16": 1.3},
    },
    "ungdomsklubb": {
        "label": "Ungdomsklubb som er åpen oftere",
        "core": (
            "{Ungdomsklubben|Klubben|Fritidsklubben} {burde vært åpen|må ha åpent} {flere dager|i helgene|lenger på kvelden}{, nå er den bare åpen én kveld i uka|, nå er den bare åpen to kvelder i uka|}.",
            "{Det finnes|Vi har} ingen {ungdomsklubb|fritidsklubb} {her|i bygda|der jeg bor}.",
            "{En ungdomsklubb|Klubb} {med biljard, playstation og kiosk|med folk å snakke med}.",
        ),
        "short": ("ungdomsklubb", "Klubb i helgene", "fritidsklubb", "klubb!!"),
        "elab": (
            "Det {hadde vært|er} et sted å være for {de som ikke driver med idrett|alle som ikke har noe annet}.",
            "{De voksne der|De som jobber der} er {chille|snille}.",
        ),
        "boost": {"13–14": 1.5},
    },
    "idrett_uorganisert": {
        "label": "Uorganisert aktivitet (skatepark, ballbinge, hall)",
        "core": (
            "{Skatepark|En skikkelig skatepark|Ballbinge|Basketbane} {med lys|som er åpen om kvelden|}.",
            "{Åpen hall|Gymsalen åpen} {i helgene|på kvelden} {der man kan spille uten å være med på et lag|for alle}.",
            "{Billigere|Gratis} {treningssenter|svømmehall|klatrevegg} for ungdom.",
        ),
        "short": ("skatepark", "Ballbinge", "åpen hall", "basketbane", "billig treningssenter"),
        "elab": ("Ikke alle {gidder|vil} {å være med i idrettslag|å trene organisert}.",),
        "boost": {},
    },
    "kultur_gaming": {
        "label": "Kultur, musikk og gaming",
        "core": (
            "{Øvingslokale|Sted} for {band|musikk} {og studio|}.",
            "{Gaming|E-sport}{-rom|senter|klubb} {der man kan spille sammen|med gode PCer}.",
            "{Kino|Bowling} {her i bygda|nærmere}, {må dra til byen nå|nærmeste er en time unna}.",
            "{Dans|Teater|Kunst} {som ikke koster masse|for de som ikke driver med idrett}.",
        ),
        "short": ("gaming", "Øvingslokale", "kino", "bowling", "e-sport"),
        "elab": ("Ikke alle {liker|driver med} {fotball|sport}.",),
        "boost": {"15–16": 1.3},
    },
    "transport": {
        "label": "Buss og transport på kveldstid",
        "core": (
            "{Bussen går ikke|Det går ingen buss} {på kvelden|i helgene|etter kl 17}, så {man kommer seg ikke|vi kommer oss ikke} {noen steder|til byen}.",
            "{Bedre|Flere} {bussavganger|busser} {til sentrum|fra bygdene}.",
        ),
        "short": ("buss", "Bedre buss", "transport"),
        "elab": ("{Må|Man må} {mase på|få skyss av} {foreldrene|mamma} {hele tiden|for alt}.",),
        "boost": {"13–14": 1.2, "15–16": 1.2},
    },
    "kafe_bibliotek": {
        "label": "Ungdomskafé og bibliotek med lange åpningstider",
        "core": (
            "{En ungdomskafé|Kafé for ungdom} {med billig mat|der man kan gjøre lekser}.",
            "{Biblioteket|Bibblo} {burde vært åpent|må ha åpent} {lenger|i helgene}, {det er et fint sted å være|der er det rolig}.",
        ),
        "short": ("Ungdomskafé", "bibliotek åpent lenger", "kafé"),
        "elab": ("{Et sted|Noe} som ikke er {skole|sport}.",),
        "boost": {"17–18": 1.5},
    },
    "utendors": {
        "label": "Uteområder (grillplass, benker, lys, badeplass)",
        "core": (
            "{Benker og lys|Grillplass|Gapahuk} {i parken|ved vannet|i sentrum}.",
            "{Fiks|Oppgrader} {badeplassen|lysløypa|lekeplassen ved skolen} {så vi kan være der|for den er helt ødelagt}.",
        ),
        "short": ("grillplass", "benker", "lys i parken", "badeplass"),
        "elab": ("{Nå|Akkurat nå} er det {mørkt og utrygt|bare øde} der.",),
        "boost": {},
    },
    "ikke_konkurranse": {
        "label": "Aktiviteter for alle, ikke bare de flinke",
        "core": (
            "{Aktiviteter|Ting å gjøre} {for de som ikke er flinke|som ikke handler om å vinne|uten konkurranse}.",
            "{Noe|Aktiviteter} for {de som ikke passer inn|de som er alene|alle}, {ikke bare for de sporty|ikke bare fotball}.",
        ),
        "short": ("aktiviteter for alle", "ikke bare fotball"),
        "elab": ("{Mange|Noen} {slutter|dropper ut} fordi {det blir for seriøst|det er for mye press}.",),
        "boost": {"15–16": 1.2, "17–18": 1.2},
    },
    "ingenting_her": {
        "label": "Alt finnes i byen, ingenting her",
        "core": (
            "{Alt|Alt som er gøy} {finnes i byen|er i sentrum}, {her er det ingenting|ikke her}.",
            "{Det er|Det finnes} {ingenting|null} å gjøre {her|i bygda} {etter skolen|i helgene}.",
        ),
        "short": ("Ingenting her", "alt er i byen"),
        "elab": ("{Derfor|Så} {sitter folk bare hjemme|sitter alle på mobilen}.",),
        "boost": {},
    },
}

KOMMUNEN_BURDE: dict[str, dict] = {
    "helsesykepleier": {
        "label": "Helsesykepleier tilgjengelig når man trenger det",
        "core": (
            "{Helsesykepleier|Helsesøster} {må være der når vi trenger det|må være på skolen oftere|burde være der hver dag}.",
            "{Flere|Mer} {helsesykepleiere|folk å snakke med} {på skolen|}, {det er alltid kø|hun er nesten aldri der}.",
            "{Enklere|Lettere} å få {time hos|snakke med} {helsesykepleier|psykolog} {uten at alle vet det|uten å vente}.",
        ),
        "short": ("Mer helsesykepleier", "helsesøster hver dag", "psykolog på skolen"),
        "elab": ("{Nå|Nå for tiden} {er hun bare der|er det bare åpent} {en dag i uka|på tirsdager}.", "{Døra|Kontoret} er {midt i gangen|rett ved kantina} så alle ser hvem som går inn."),
        "boost": {"15–16": 1.3, "17–18": 1.3},
    },
    "mindre_press": {
        "label": "Mindre press og stress på skolen",
        "core": (
            "{Mindre press|Mindre stress} {på skolen|med prøver og lekser}.",
            "{Færre prøver|Ikke så mange innleveringer} {samtidig|på en gang|i samme uke}.",
            "{Lærerne|Skolen} {må skjønne|burde forstå} at {vi har mye annet også|ikke alle klarer alt}.",
        ),
        "short": ("mindre press", "Mindre stress", "færre prøver"),
        "elab": ("{Mange|Folk} {får ikke sove|blir syke} {av stress|før prøver}.",),
        "boost": {"15–16": 1.3, "17–18": 1.5},
    },
    "hore_pa_unge": {
        "label": "Lytte til ungdom",
        "core": (
            "{Høre på|Lytte til} {ungdom|oss unge} {på ordentlig|og ikke bare late som}.",
            "{Ta|Ta ungdomsrådet} på alvor, {ikke bare spørre og så gjøre det de selv vil|vi vet hva vi trenger}.",
            "{Spørre|Snakke med} {ungdommene|oss} før {de bestemmer ting|de lager planer} {om oss|som gjelder oss}.",
        ),
        "short": ("høre på ungdom", "lytte til oss", "ta oss på alvor"),
        "elab": ("{Voksne|Politikere} {tror de vet|tror de skjønner} hva vi {vil|trenger}.",),
        "boost": {"17–18": 1.5},
    },
    "gratis_aktiviteter": {
        "label": "Billigere og gratis fritid",
        "core": (
            "{Gjøre|Gjør} {aktiviteter|fritid|trening} {billigere|gratis} så {alle kan være med|ingen faller utenfor}.",
            "{Gi|Et} {fritidskort|aktivitetskort} til alle {unge|ungdommer}.",
        ),
        "short": ("Gratis aktiviteter", "fritidskort", "billigere trening"),
        "elab": ("{Noen|Mange} {har ikke råd|kan ikke være med} {og sier det ikke|men tør ikke si det}.",),
        "boost": {},
    },
    "mobbing": {
        "label": "Gjøre noe med mobbing",
        "core": (
            "{Gjøre noe med|Stoppe} {mobbing|mobbingen} {på skolen|på nett|på snap}.",
            "{Voksne|Lærerne} {må gripe inn|må si fra} {når noen blir mobbet|når de ser at noen blir holdt utenfor}.",
        ),
        "short": ("stoppe mobbing", "Mobbing!!", "mindre mobbing"),
        "elab": ("{Lærerne|Voksne} {ser ikke|får ikke med seg} hva som skjer {på nett|i chatter}.",),
        "boost": {"13–14": 1.5},
    },
    "psykisk_helse": {
        "label": "Snakke mer om psykisk helse",
        "core": (
            "{Snakke mer om|Mer om} psykisk helse {på skolen|i timene}, {så det ikke er så flaut|så det blir normalt}.",
            "{En chat|Et sted} der man kan {snakke anonymt|spørre om ting} {med noen voksne|med en psykolog}.",
        ),
        "short": ("psykisk helse", "anonym chat", "snakke om følelser"),
        "elab": ("{Mange|Folk} {sliter|har det tungt} {uten at noen vet det|i stillhet}.",),
        "boost": {"15–16": 1.3},
    },
    "trygge_voksne": {
        "label": "Flere trygge voksne",
        "core": (
            "{Flere|Mer} {voksne|miljøarbeidere} {på skolen|ute i friminuttene|i sentrum på kvelden} som {bryr seg|man kan snakke med}.",
            "{Lærere|Voksne} som {faktisk|} {spør hvordan man har det|ser når noe er galt}.",
        ),
        "short": ("flere voksne", "voksne som bryr seg", "miljøarbeider"),
        "elab": ("{Ikke|Ikke bare} {voksne|folk} som {bare maser|kjefter}.",),
        "boost": {"13–14": 1.3},
    },
    "transport": {
        "label": "Bedre kollektivtransport",
        "core": (
            "{Bedre|Flere} {busser|bussavganger} {på kvelden og i helgene|fra bygdene}.",
            "{Gratis|Billigere} buss for ungdom.",
        ),
        "short": ("Bedre buss", "gratis buss"),
        "elab": ("Da {kan vi|kunne vi} {være med på ting|møte venner} {uten skyss|selv}.",),
        "boost": {},
    },
    "trygghet_rus": {
        "label": "Trygghet i sentrum og mindre rus",
        "core": (
            "{Gjøre sentrum tryggere|Mer trygghet} {i helgene|på kvelden}, {det er mye slåssing|folk blir ranet}.",
            "{Gjøre noe med|Mindre} {vaping|rus|hasj} {blant unge|på skolen}, {det er overalt|selv i 8. klasse}.",
        ),
        "short": ("tryggere sentrum", "mindre rus", "vape"),
        "elab": ("{Politiet|Natteravnene} {burde|kunne} {være mer ute|gå mer rundt}.",),
        "boost": {"15–16": 1.3, "17–18": 1.3},
    },
    "moteplasser": {
        "label": "Flere møteplasser for unge",
        "core": (
            "{Flere|Mer} steder {å være|å henge} {som er gratis|for ungdom}.",
            "{Lage|Åpne} {et ungdomshus|en ungdomsklubb|et sted} {som ungdommene får bestemme over|der vi kan være}.",
        ),
        "short": ("steder å henge", "ungdomshus", "møteplasser"),
        "elab": ("{Da|Så} {blir færre|er det færre som blir} {ensomme|sittende alene}.",),
        "boost": {"13–14": 1.3},
    },
}
