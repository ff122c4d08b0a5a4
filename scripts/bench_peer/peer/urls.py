"""The survey app's own URLs, under /survey/."""

from django.urls import include, path

urlpatterns = [path("survey/", include("survey.urls"))]
