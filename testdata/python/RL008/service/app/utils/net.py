def client_ip(request):
    forwarded = request.headers.get("X-Forwarded-For")  # want "RL008 \\[medium\\] the rate-limit key comes from the first X-Forwarded-For entry"
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.client.host


def peer_ip(request):
    # the right-most hop, written by the trusted proxy
    forwarded = request.headers.get("X-Forwarded-For", "")
    return forwarded.split(",")[-1].strip() or request.client.host


def api_key(request):
    return request.headers.get("X-API-Key")  # want "RL008 \\[medium\\] the rate-limit key comes from the X-API-Key header"
