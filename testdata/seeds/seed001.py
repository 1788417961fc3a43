"""Seed 001 (Flask + DynamoDB): the article's "fixed" code, re-indented (the
article prints it flush left), otherwise verbatim."""
import time
import boto3
from flask import Flask, request, jsonify, abort
app = Flask(__name__)
ddb = boto3.resource('dynamodb', region_name='us-east-1')
TABLE_NAME = 'api_request_counts'
def is_rate_limited(client_key, limit=60, window_seconds=60):
    table = ddb.Table(TABLE_NAME)
    now = int(time.time())
    window_start = now - window_seconds
    # Ensure TTL to avoid indefinite growth
    try:
        response = table.update_item(
            Key={'client_key': client_key, 'window_start': window_start},  # want "RL006 \\[high\\] the counter's window is keyed by the raw current time"
            UpdateExpression='ADD request_count :inc SET ttl = :ttl',  # want "RL016 \\[high\\] UpdateExpression uses the reserved word ttl"
            ConditionExpression='attribute_not_exists(client_key) OR attribute_not_exists(window_start) OR request_count < :limit',
            ExpressionAttributeValues={':inc': 1, ':limit': limit, ':ttl': now + 86400},
            ReturnValues='UPDATED_NEW'
        )
        return response['Attributes']['request_count'] > limit
    except Exception:  # want "RL003 \\[medium\\] except Exception turns every datastore error into"
        # If condition fails, the current count already exceeds the limit
        return True
@app.route('/api/data')
def get_data():
    client_key = request.headers.get('X-API-Key', request.remote_addr)  # want "RL008 \\[medium\\] the rate-limit key comes from the X-API-Key header, which nothing authenticates"
    if is_rate_limited(client_key, limit=60, window_seconds=60):
        abort(429, description='Rate limit exceeded')  # want "RL014 \\[low\\]"
    return jsonify({'status': 'ok'})
