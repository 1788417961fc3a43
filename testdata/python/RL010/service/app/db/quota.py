import psycopg

conn = psycopg.connect("dbname=app")


def consume(client_id: str) -> bool:
    with conn.transaction():
        row = conn.execute(
            "UPDATE quotas SET used = used + 1 WHERE client_id = %s AND used < quota RETURNING used", (client_id,)
        ).fetchone()
    return row is not None


def touch(client_id: str) -> None:
    conn.execute("UPDATE clients SET seen_at = now() WHERE id = %s", (client_id,))
