"""A token bucket kept in a Django model, keyed by the client's address."""
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.timezone import now


class TokenBucket(models.Model):
    value = models.CharField(max_length=80, unique=True)
    tokens = models.FloatField(default=1.0)

    @staticmethod
    def authorize(value: str, capacity: int) -> bool:
        with transaction.atomic():
            obj, _ = TokenBucket.objects.select_for_update().get_or_create(value=value)
            obj.tokens -= 1.0 / capacity
            if obj.tokens < 0:
                return False
            obj.save()
        return True

    @staticmethod
    def spend(value: str, capacity: int) -> bool:
        obj, _ = TokenBucket.objects.get_or_create(value=value)
        obj.tokens -= 1.0 / capacity
        if obj.tokens < 0:
            return False
        obj.save()
        return True

    @staticmethod
    def authorize_forwarded(request: HttpRequest) -> bool:
        headers = request.META
        remote_addr = headers.get("HTTP_X_FORWARDED_FOR", headers["REMOTE_ADDR"])  # want "RL008 \\[medium\\] the rate-limit key comes from the first X-Forwarded-For entry"
        remote_addr = remote_addr.split(",")[0]
        return TokenBucket.spend(f"auth-ip-{remote_addr}", 20)

    @staticmethod
    def authorize_peer(request: HttpRequest) -> bool:
        return TokenBucket.spend(f"auth-ip-{request.META['REMOTE_ADDR']}", 20)


class Account(models.Model):
    email = models.CharField(max_length=200)
    logins = models.IntegerField(default=0)


def lookup(request: HttpRequest) -> Account:
    # a lookup keyed by a header, with no counter changed and saved
    return Account.objects.get(email=request.META.get("HTTP_X_EMAIL", ""))


def direct(request: HttpRequest) -> bool:
    return TokenBucket.spend(request.META.get("HTTP_X_FORWARDED_FOR", ""), 20)  # want "RL008"
