"""The Django project around django-survey-and-report, for the load benchmark only."""
