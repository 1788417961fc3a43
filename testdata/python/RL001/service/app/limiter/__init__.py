from .redis_limiter import RateLimiter

__all__ = ["RateLimiter"]
