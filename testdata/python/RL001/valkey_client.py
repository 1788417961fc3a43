"""valkey-py, the Redis fork with redis-py's API."""
import valkey
from flask import abort

client = valkey.Valkey(host="cache")


def allow(key: str) -> None:
    n = int(client.get(key) or 0)
    if n >= 10:
        abort(429)
    client.set(key, n + 1, ex=60)  # want "RL001 \\[high\\] set writes the count that get read"


def current_token() -> str:
    # get-or-create of a token under the limiter's key prefix: no count
    token = client.get("limiter:token")
    if not token:
        token = "generated"
        client.set("limiter:token", token, ex=3600)
    return token
