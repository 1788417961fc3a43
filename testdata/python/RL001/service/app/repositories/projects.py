from .base import BaseRepository


class ProjectRepository(BaseRepository):
    def consume_quota(self, project_id, cap):
        item = self._get(project_id) or {"pk": project_id, "used": 0}
        if item["used"] >= cap:
            raise PermissionError("quota exhausted")
        item["used"] += 1
        self._put(item)  # want "RL001 \\[high\\] put_item in BaseRepository._put writes the count that get_item in BaseRepository._get read"

    def consume_quota_safely(self, project_id, cap):
        item = self._get(project_id) or {"pk": project_id, "used": 0}
        if item["used"] >= cap:
            raise PermissionError("quota exhausted")
        previous = item["used"]
        item["used"] += 1
        self._put_if_unchanged(item, previous)
