"""Retry decorators around counters that never stop, fail open, or retry
in lockstep."""
import backoff
import psycopg
import redis
import tenacity
from fastapi import HTTPException
from tenacity import retry, stop_after_attempt, stop_never, wait_fixed

conn = psycopg.connect("dbname=limits")
r = redis.Redis()


@retry  # want "RL010 \\[high\\] this @retry around a datastore call has no stop condition"
def count_forever(key: str) -> int:
    return r.incr(key)


@tenacity.retry(stop=stop_never, wait=tenacity.wait_random(0, 1))  # want "RL010 \\[high\\] .*no stop condition"
def count_stop_never(key: str) -> int:
    return r.incr(key)


@retry(stop=stop_after_attempt(3), wait=tenacity.wait_random_exponential(max=1), retry_error_callback=lambda state: True)  # want "RL010 \\[high\\] retry_error_callback returns a value instead of raising"
def allowed(key: str) -> bool:
    return r.incr(key) <= 100


@retry(stop=stop_after_attempt(5))  # want "RL010 \\[medium\\] this @retry retries the datastore call immediately"
def bump(key: str) -> None:
    conn.execute("UPDATE limits SET n = n + 1 WHERE k = %s AND n < 100", (key,))


@retry(stop=stop_after_attempt(5), wait=wait_fixed(0.05))  # want "RL010 \\[medium\\] this @retry waits a fixed time"
def bump_fixed(key: str) -> None:
    conn.execute("UPDATE limits SET n = n + 1 WHERE k = %s AND n < 100", (key,))


@backoff.on_exception(backoff.expo, redis.ConnectionError)  # want "RL010 \\[high\\] this backoff decorator .* has neither max_tries nor max_time"
def count_backoff(key: str) -> int:
    return r.incr(key)


@backoff.on_exception(backoff.constant, redis.ConnectionError, interval=0.1, jitter=None, max_tries=4)  # want "RL010 \\[medium\\] backoff.constant with jitter=None"
def count_constant(key: str) -> int:
    return r.incr(key)


def enforce(key: str) -> None:
    """Callers decide on what the counters above return: rate-limit counters."""
    if count_forever(key) > 100 or count_stop_never(key) > 100 or count_backoff(key) > 100 or count_constant(key) > 100:
        raise HTTPException(status_code=429)


@retry
def count_page_views(key: str) -> int:
    # Retried forever, but nothing decides on this count: not a rate limit.
    return r.incr(key)
