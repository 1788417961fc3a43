import boto3

table = boto3.resource("dynamodb").Table("usage")


class UsageRepository:
    def current(self, key):
        item = table.get_item(Key={"pk": key}).get("Item", {})  # want "RL009 \\[medium\\] get_item reads the count that decides the limit without ConsistentRead=True"
        return item.get("count", 0)

    def current_consistent(self, key):
        item = table.get_item(Key={"pk": key}, ConsistentRead=True).get("Item", {})
        return item.get("count", 0)

    def profile(self, key):
        # read for display only: nothing decides on it
        return table.get_item(Key={"pk": key}).get("Item")
