import psycopg

conn = psycopg.connect("dbname=app")


def bump(name):
    with conn.cursor() as cur:
        cur.execute("UPDATE request_counters SET hits = hits + 1 WHERE name = %s", (name,))


def bump_for(client_id, route):
    with conn.cursor() as cur:
        cur.execute(
            "UPDATE request_counters SET hits = hits + 1 WHERE client_id = %s AND route = %s",
            (client_id, route),
        )
