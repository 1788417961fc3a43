"""A library built on django-ratelimit: no settings module is in the
scan, the projects that use it configure its cache."""
from django_ratelimit.core import is_ratelimited


def limited(request, group, rate):
    return is_ratelimited(request, group=group, key="ip", rate=rate, increment=True)
