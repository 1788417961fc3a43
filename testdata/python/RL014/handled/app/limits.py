from fastapi import HTTPException


def check(key):
    raise HTTPException(status_code=429)
