from django.http import HttpResponse
from django_ratelimit.decorators import ratelimit


@ratelimit(key="user_or_ip", rate="10/m", block=True)
def search(request):
    return HttpResponse("ok")
