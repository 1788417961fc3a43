from django.http import HttpRequest, HttpResponse, JsonResponse

from app.models import Profile, Quota

LIMIT = 100


def rename(request: HttpRequest, pk: int) -> HttpResponse:
    # an ordinary entity: loaded, changed, saved
    profile = Profile.objects.get(pk=pk)
    profile.name = request.POST["name"]
    profile.save()
    return HttpResponse("ok")


def show(request: HttpRequest, pk: int) -> HttpResponse:
    # a page-view counter no limit is decided on
    profile = Profile.objects.filter(pk=pk).first()
    profile.visits += 1
    profile.save()
    return HttpResponse(profile.name)


def spend(request: HttpRequest) -> HttpResponse:
    quota = Quota.objects.filter(user_id=request.user.id).first()
    if quota.used >= LIMIT:
        return JsonResponse({"error": "quota"}, status=429)
    quota.used += 1  # want "RL001 \\[high\\] .*Quota.objects.first"
    quota.save(update_fields=["used"])
    return HttpResponse("ok")
