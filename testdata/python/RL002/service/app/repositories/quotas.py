from app.core.dynamo import get_table

from .base import BaseRepository


class QuotaRepository(BaseRepository):
    def consume(self, project_id):
        self._add(project_id, "used")


class UntypedRepository:
    """Its table comes from the call sites only."""

    def __init__(self, table):
        self.table = table

    def bump(self, key):
        self.table.update_item(  # want "RL002 \\[high\\]"
            Key={"pk": key}, UpdateExpression="SET hits = hits + :one", ExpressionAttributeValues={":one": 1}
        )


repo = UntypedRepository(get_table())
quotas = QuotaRepository(get_table())
