"""Retry decorators that are bounded, back off with jitter and let the
final error surface."""
import backoff
import redis
import tenacity
from tenacity import retry, stop_after_attempt, wait_exponential, wait_fixed, wait_random

r = redis.Redis()


@retry(stop=stop_after_attempt(4), wait=tenacity.wait_random_exponential(multiplier=0.05, max=1), reraise=True)
def count(key: str) -> int:
    return r.incr(key)


@retry(stop=stop_after_attempt(4), wait=wait_fixed(0.05) + wait_random(0, 0.05))
def count_jittered(key: str) -> int:
    return r.incr(key)


@retry(stop=stop_after_attempt(4), wait=wait_exponential(multiplier=0.05), retry_error_callback=lambda state: False)
def allowed(key: str) -> bool:
    return r.incr(key) <= 100


@backoff.on_exception(backoff.expo, redis.ConnectionError, max_tries=4)
def count_backoff(key: str) -> int:
    return r.incr(key)


@backoff.on_exception(backoff.constant, redis.ConnectionError, interval=0.1, max_time=2)
def count_constant_jittered(key: str) -> int:
    return r.incr(key)


@retry
def fetch_config() -> dict:
    # No datastore call: not a counter transaction.
    return {"limit": 100}
