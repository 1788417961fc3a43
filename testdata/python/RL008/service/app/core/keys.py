def bucket_key(ip):
    return f"rl:{ip}"
