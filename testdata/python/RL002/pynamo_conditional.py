"""PynamoDB updates that are conditioned, decrements, and look-alikes."""
from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UnicodeSetAttribute
from pynamodb.exceptions import UpdateError
from pynamodb.models import Model

LIMIT = 100


class RateLimit(Model):
    class Meta:
        table_name = "rate_limits"

    key = UnicodeAttribute(hash_key=True)
    hits = NumberAttribute(default=0)
    tags = UnicodeSetAttribute(default=set)


class NotAModel:
    hits = 0


def allow(client_id: str) -> bool:
    item = RateLimit(client_id)
    try:
        item.update(
            actions=[RateLimit.hits.add(1)],
            condition=(RateLimit.hits < LIMIT) | RateLimit.hits.does_not_exist(),
        )
    except UpdateError:
        return False
    return True


def refund(client_id: str) -> None:
    RateLimit(client_id).update(actions=[RateLimit.hits.add(-1)])


def tag(client_id: str) -> None:
    RateLimit(client_id).update(actions=[RateLimit.tags.add({"beta"})])


def reset(client_id: str) -> None:
    RateLimit(client_id).update(actions=[RateLimit.hits.set(0)])


def forwarded(client_id: str, **options) -> None:
    RateLimit(client_id).update(actions=[RateLimit.hits.add(1)], **options)


def plain_dict(counts: dict) -> None:
    counts.update(actions=[NotAModel.hits.add(1)])
