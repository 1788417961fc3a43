"""Counters whose writes spread over many rows: RL004 stays silent."""
import zlib

import boto3
import psycopg
import redis

conn = psycopg.connect("dbname=metrics")
r = redis.Redis()
table = boto3.resource("dynamodb").Table("counters")
SHARDS = 16


def count_per_client(client_id: str, bucket: int) -> None:
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO rate_limits (client_id, bucket, hits) VALUES (%s, %s, 1) "
            "ON CONFLICT (client_id, bucket) DO UPDATE SET hits = rate_limits.hits + 1",
            (client_id, bucket),
        )


def count_global_sharded(client_id: str) -> None:
    shard = zlib.crc32(client_id.encode()) % SHARDS
    with conn.cursor() as cur:
        cur.execute("UPDATE request_totals SET hits = hits + 1 WHERE name = 'global' AND shard = %s", (shard,))


def read_global_total() -> int:
    with conn.cursor() as cur:
        cur.execute("SELECT sum(hits) FROM request_totals WHERE name = 'global'")
        return cur.fetchone()[0]


def create_schema() -> None:
    with conn.cursor() as cur:
        cur.execute("CREATE TABLE rate_limits (client_id TEXT, bucket BIGINT, hits INT, PRIMARY KEY (client_id, bucket))")
        cur.execute("CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT)")


def bump_config_version() -> None:
    """Not a counted quantity: a version bump on a configuration row."""
    with conn.cursor() as cur:
        cur.execute("UPDATE settings SET version = version + 1 WHERE name = 'limits'")


def count_redis() -> None:
    """Redis INCR is atomic and single-threaded: not this rule's business."""
    r.incr("global-hits")


def count_dynamodb(client_id: str) -> None:
    table.update_item(Key={"pk": f"client#{client_id}"}, UpdateExpression="ADD hits :one", ConditionExpression="hits < :max", ExpressionAttributeValues={":one": 1, ":max": 10})
