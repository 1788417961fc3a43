from mypy_boto3_dynamodb.service_resource import Table


class BaseRepository:
    def __init__(self, table: Table):
        self._table = table

    def _add(self, key, attr):
        # the repository increments whatever it is asked to
        self._table.update_item(  # want "RL002 \\[high\\]"
            Key={"pk": key},
            UpdateExpression="ADD #a :one",
            ExpressionAttributeNames={"#a": attr},
            ExpressionAttributeValues={":one": 1},
        )

    def _add_capped(self, key, attr, cap):
        self._table.update_item(
            Key={"pk": key},
            UpdateExpression="ADD #a :one",
            ConditionExpression="attribute_not_exists(#a) OR #a < :cap",
            ExpressionAttributeNames={"#a": attr},
            ExpressionAttributeValues={":one": 1, ":cap": cap},
        )
