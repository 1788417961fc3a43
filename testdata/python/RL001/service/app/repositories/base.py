import boto3

_table = boto3.resource("dynamodb").Table("quotas")


class BaseRepository:
    table = _table

    def _get(self, key):
        return self.table.get_item(Key={"pk": key}).get("Item")

    def _put(self, item):
        self.table.put_item(Item=item)

    def _put_if_unchanged(self, item, previous):
        self.table.put_item(
            Item=item,
            ConditionExpression="#u = :prev",
            ExpressionAttributeNames={"#u": "used"},
            ExpressionAttributeValues={":prev": previous},
        )
