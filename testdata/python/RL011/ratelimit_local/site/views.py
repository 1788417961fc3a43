"""django-ratelimit with no CACHES anywhere: it counts in Django's default
LocMemCache, one per process. Reported once per file."""
from django.http import HttpResponse
from django_ratelimit.decorators import ratelimit


@ratelimit(key="ip", rate="5/m", block=True)  # want "RL011 \\[medium\\] django-ratelimit counts in Django's cache, which is the per-process LocMemCache"
def login(request):
    return HttpResponse("ok")


@ratelimit(key="ip", rate="3/h", block=True)
def reset(request):
    return HttpResponse("ok")
