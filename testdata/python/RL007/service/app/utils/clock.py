import time


def client_time(request):
    return float(request.headers.get("X-Client-Time", "0"))  # want "RL007 \\[high\\] the rate-limit window is computed from the X-Client-Time header"


def server_time(request):
    return time.time()


def window_of(ts, size=60):
    return int(ts // size)
