UPDATE_HITS = "SET ttl = :ttl ADD hits :one"  # want "RL016 \\[high\\] UpdateExpression uses the reserved word ttl"
UPDATE_HITS_FIXED = "SET #ttl = :ttl ADD hits :one"


class Conditions:
    UNDER_LIMIT = "hits + :one <= :limit"  # want "RL016 \\[high\\] DynamoDB rejects this ConditionExpression on every call .*arithmetic"
    UNDER_LIMIT_FIXED = "hits < :limit"
