"""Limiter libraries on their default in-memory storage."""
from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.storage import MemoryStorage, RedisStorage

app = Flask(__name__)
default = Limiter(get_remote_address, app=app)  # want "RL011 \\[medium\\] this Limiter keeps its counts in its default memory:// storage"
explicit = Limiter(get_remote_address, app=app, storage_uri="memory://")  # want "RL011 \\[medium\\]"
shared = Limiter(get_remote_address, app=app, storage_uri="redis://cache:6379")
storage = MemoryStorage()  # want "RL011 \\[medium\\] this limits storage keeps its counts in process memory"
redis_storage = RedisStorage("redis://cache:6379")
