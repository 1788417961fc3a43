from .dynamo import get_table, table

__all__ = ["get_table", "table"]
