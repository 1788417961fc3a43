"""Throttling turned on, with no CACHES anywhere: Django's default cache
is LocMemCache, one per process."""
import os

DEBUG = os.environ.get("DEBUG") == "1"

REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": [  # want "RL011 \\[medium\\] these Django REST framework throttles count in the default cache, which is Django's per-process LocMemCache"
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "20/min", "user": "200/min"},
}
