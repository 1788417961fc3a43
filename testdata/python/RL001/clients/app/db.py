"""Clients built in one module and handed to the rest of the service."""
from contextlib import contextmanager

import psycopg
import redis


class Cache(redis.Redis):
    """The service's own client class."""

    def prefixed(self, key):
        return "svc:" + key


cache = Cache(host="redis")


@contextmanager
def connection():
    conn = psycopg.connect("dbname=app")
    try:
        yield conn
    finally:
        conn.close()
