"""Random shards of per-client counters."""
import random
import secrets

import boto3
import psycopg
import redis

r = redis.Redis()
table = boto3.resource("dynamodb").Table("limits")
conn = psycopg.connect()
SHARDS = 8
LIMIT = 100


def one_shard_checked(client: str) -> bool:
    shard = random.randrange(SHARDS)
    count = r.incr(f"rl:{client}:{shard}")  # want "RL005 \\[high\\] the counter's shard is picked at random"
    return count <= LIMIT


def inline_check(client: str) -> bool:
    if r.incr(f"rl:{client}:{random.randint(0, SHARDS - 1)}") > LIMIT:  # want "RL005 .*picked at random"
        return False
    return True


def conditional_update(client: str) -> None:
    table.update_item(
        Key={"pk": client, "shard": secrets.randbelow(SHARDS)},  # want "RL005 .*picked at random"
        UpdateExpression="ADD hits :one",
        ConditionExpression="attribute_not_exists(hits) OR hits < :limit",
        ExpressionAttributeValues={":one": 1, ":limit": LIMIT // SHARDS},
    )


def guarded_sql(client: str) -> None:
    shard = random.randint(0, SHARDS - 1)
    with conn.cursor() as cur:
        cur.execute(
            "UPDATE quota SET used = used + 1 WHERE client_id = %s AND shard = %s AND used < %s",
            (client, shard, LIMIT),  # want "RL005 .*picked at random"
        )
