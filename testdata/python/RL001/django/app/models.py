"""A token bucket kept in a Django model: loading the row, changing it in
Python and saving it lets concurrent requests spend the same tokens."""
from django.db import models, transaction
from django.db.models import F
from django.utils.timezone import now


class TokenBucket(models.Model):
    value = models.CharField(max_length=80, unique=True)
    tokens = models.FloatField(default=1.0)
    updated = models.DateTimeField(default=now)

    @staticmethod
    def authorize(value: str, capacity: int, refill_secs: int) -> bool:
        frozen = now()
        obj, created = TokenBucket.objects.get_or_create(value=value)
        if not created:
            elapsed = (frozen - obj.updated).total_seconds()
            obj.tokens = min(1.0, obj.tokens + elapsed / refill_secs)  # want "RL001 \\[high\\] .*TokenBucket.objects.get_or_create"
        obj.tokens -= 1.0 / capacity
        if obj.tokens < 0:
            return False
        obj.updated = frozen
        obj.save()
        return True

    @staticmethod
    def authorize_locked(value: str, capacity: int) -> bool:
        with transaction.atomic():
            TokenBucket.objects.get_or_create(value=value)
            obj = TokenBucket.objects.select_for_update().get(value=value)
            obj.tokens -= 1.0 / capacity
            if obj.tokens < 0:
                return False
            obj.save()
        return True

    @staticmethod
    def authorize_in_sql(value: str, capacity: int) -> bool:
        spent = TokenBucket.objects.filter(value=value, tokens__gte=1.0 / capacity).update(
            tokens=F("tokens") - 1.0 / capacity
        )
        return spent == 1


class Profile(models.Model):
    name = models.CharField(max_length=80)
    visits = models.IntegerField(default=0)


class Quota(models.Model):
    user_id = models.IntegerField(unique=True)
    used = models.IntegerField(default=0)
