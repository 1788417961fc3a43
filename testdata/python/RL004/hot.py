"""Counters every client increments on the same row."""
import boto3
import psycopg
from sqlalchemy import create_engine, text

conn = psycopg.connect("dbname=metrics")
engine = create_engine("postgresql://localhost/metrics")
table = boto3.resource("dynamodb").Table("counters")


def count_global() -> None:
    with conn.cursor() as cur:
        cur.execute("UPDATE request_totals SET hits = hits + 1 WHERE name = 'global'")  # want "RL004 \\[medium\\] every request increments the same hits row of request_totals"


def count_with_bound_constant() -> None:
    cur = conn.cursor()
    cur.execute("UPDATE request_totals SET hits = hits + 1 WHERE name = %s", ("global",))  # want "RL004"


def count_per_route(route: str) -> None:
    cur = conn.cursor()
    cur.execute(  # want "RL004"
        "INSERT INTO route_hits (route, hits) VALUES (%s, 1) "
        "ON CONFLICT (route) DO UPDATE SET hits = route_hits.hits + 1",
        (route,),
    )


def count_sqlalchemy() -> None:
    with engine.begin() as db:
        db.execute(text("UPDATE api_usage SET calls = calls + 1 WHERE api = 'search'"))  # want "RL004"


def create_schema() -> None:
    with conn.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS endpoint_counters (endpoint TEXT PRIMARY KEY, request_count BIGINT NOT NULL)")  # want "RL004 \\[medium\\] counter table endpoint_counters is keyed by endpoint only"


def count_dynamodb() -> None:
    table.update_item(Key={"pk": "global"}, UpdateExpression="ADD hits :one", ConditionExpression="hits < :max", ExpressionAttributeValues={":one": 1, ":max": 10})  # want "RL004 \\[medium\\] every request increments hits on the same DynamoDB item"
