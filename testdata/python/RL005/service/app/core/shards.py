import zlib

SHARDS = 8


def shard_of(key):
    return hash(key) % SHARDS  # want "RL005 \\[high\\] hash\\(\\) of a string is salted per process"


def stable_shard_of(key):
    return zlib.crc32(key.encode()) % SHARDS


def fingerprint(key):
    return hash(key)  # want "RL005 \\[high\\]"


def cache_slot(obj):
    # hash() of something no counter key uses
    return hash(obj)
