"""``manage.py make_survey``: the staff questionnaire's shape as a django-survey-and-report survey."""

from django.core.management.base import BaseCommand

from survey.models import Question, Survey

SERVICES = (
    "Barnehage,Skole/SFO,Helsestasjon/skolehelsetjeneste,PPT,Barnevern,NAV,"
    "Psykisk helse og rus,Kultur/fritid,Politi/SLT,Frivillig,Annet"
)
LIKERT = "1,2,3,4,5,Vet ikke"
#: (type, text, choices, required): the 12 questions of questionnaires/tjenester.yaml
QUESTIONS = [
    (Question.RADIO, "Hvilken kommune jobber du i?", "Benkeby,Nordby,Sørby", False),
    (Question.RADIO, "Hvilken tjeneste jobber du i?", SERVICES, True),
    (Question.RADIO, "Hvilken aldersgruppe jobber du mest med?", "0-5,6-12,13-18,19-23,Foreldre", False),
    (Question.RADIO, "Hvor ligger mest av det forebyggende arbeidet deres?",
     "For alle,For noen,For den enkelte,Vet ikke", False),
    (Question.RADIO, "Vi har skriftlige rutiner for hva vi gjør ved bekymring for et barn.", LIKERT, False),
    (Question.RADIO, "Jeg vet når jeg har meldeplikt til barnevernet.", LIKERT, False),
    (Question.RADIO, "Jeg kjenner godt til hva andre tjenester for barn og familier tilbyr.", LIKERT, False),
    (Question.RADIO, "Jeg bruker kommunens samhandlingsmodell (BTI/handlingsveileder).", LIKERT, False),
    (Question.RADIO, "Vi har faste møtearenaer med andre tjenester.", LIKERT, False),
    (Question.SELECT_MULTIPLE, "Hvor er de største hullene i tilbudet?",
     "Psykisk helse og rus,Atferdsvansker,Skolefravær,Flyktninger,Svangerskap og småbarn,"
     "Utviklingsforstyrrelser,Foreldre med psykiske vansker/rus,Lavinntektsfamilier,Annet", False),
    (Question.TEXT, "Hvilke forebyggende tiltak virker best hos dere i dag?", None, False),
    (Question.TEXT, "Hva hindrer tidlig innsats hos dere?", None, False),
]


class Command(BaseCommand):
    help = "Create the benchmark survey (all questions on one page); print its id."

    def handle(self, *args, **options):
        survey = Survey.objects.create(
            name="Spørreundersøkelse til tjenestene",
            description="Samme form som Innspills spørreundersøkelse til tjenestene.",
            is_published=True,
            need_logged_user=False,
            editable_answers=True,
            display_method=Survey.ALL_IN_ONE_PAGE,
        )
        for order, (kind, text, choices, required) in enumerate(QUESTIONS):
            Question.objects.create(
                survey=survey, order=order, type=kind, text=text, choices=choices, required=required
            )
        self.stdout.write(str(survey.id))
