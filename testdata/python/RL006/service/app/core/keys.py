import time

WINDOW = 60


def now():
    return int(time.time())


def bucket_key(ip):
    return f"rl:{ip}:{now()}"  # want "RL006 \\[high\\] the counter's window is keyed by the raw current time"


def aligned_key(ip):
    return f"rl:{ip}:{int(time.time() // WINDOW)}"


def sliding_key(ip):
    # a raw time the callers never count under: no finding here
    return f"log:{ip}:{time.time()}"
