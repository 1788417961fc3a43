"""Seed 000 (FastAPI + DynamoDB): the article's "fixed" code, verbatim."""
import boto3
from fastapi import FastAPI, HTTPException, Depends
from pydantic import BaseModel
import os

app = FastAPI()
dynamodb = boto3.resource('dynamodb', region_name='us-east-1')
table_name = os.getenv('DYNAMODB_TABLE', 'api_rates')
table = dynamodb.Table(table_name)

class RateLimitResponse(BaseModel):
    allowed: bool
    remaining: int
    reset_in_seconds: int

@app.post("/check-rate-limit")
def check_rate_limit(client_id: str):  # want "RL008 \\[medium\\] the rate-limit key comes from the query parameter client_id, which nothing authenticates"
    window = 3600  # 1 hour in seconds
    limit = 100
    # Build partition key and sort key for the current window
    # Using a composite key: pk = "RATE_LIMIT#{client_id}", sk = "WINDOW#{timestamp}"
    import time
    current_window = int(time.time() // window) * window
    pk = f"RATE_LIMIT#{client_id}"
    sk = f"WINDOW#{current_window}"
    
    try:
        response = table.update_item(  # want "RL013 \\[low\\] this DynamoDB window counter sets no TTL attribute"
            Key={
                'pk': pk,
                'sk': sk
            },
            UpdateExpression='ADD request_count :inc',
            ConditionExpression='attribute_not_exists(request_count) OR request_count + :inc <= :limit',  # want "RL016 \\[high\\] DynamoDB rejects this ConditionExpression .*arithmetic"
            ExpressionAttributeValues={
                ':inc': 1,
                ':limit': limit
            },
            ReturnValues='UPDATED_NEW'
        )
        new_count = response['Attributes']['request_count']
        remaining = max(limit - new_count, 0)
        return RateLimitResponse(
            allowed=True,
            remaining=remaining,
            reset_in_seconds=window - (int(time.time()) % window)
        )
    except Exception as e:  # want "RL003 \\[medium\\] except Exception turns every datastore error into"
        # ConditionalCheckFailedException when limit exceeded
        return RateLimitResponse(
            allowed=False,
            remaining=0,
            reset_in_seconds=window - (int(time.time()) % window)
        )
