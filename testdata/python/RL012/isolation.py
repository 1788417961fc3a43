"""Read-modify-write counters at READ COMMITTED or autocommit."""
import psycopg
import psycopg2
from fastapi import HTTPException
from psycopg2.extensions import ISOLATION_LEVEL_AUTOCOMMIT
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

QUOTA = 100
engine = create_engine("postgresql://db/app", isolation_level="READ COMMITTED")  # want "RL012 \\[medium\\] this transaction runs at READ COMMITTED"
SessionLocal = sessionmaker(bind=engine)
serializable = create_engine("postgresql://db/app", isolation_level="SERIALIZABLE")


def consume(client_id: str) -> None:
    session = SessionLocal()
    used = session.execute(text("SELECT used FROM quotas WHERE client_id = :c"), {"c": client_id}).scalar()
    if used >= QUOTA:
        raise HTTPException(status_code=429)
    session.execute(text("UPDATE quotas SET used = :u WHERE client_id = :c"), {"u": used + 1, "c": client_id})
    session.commit()


def consume_autocommit(client_id: str) -> None:
    conn = psycopg.connect("dbname=app", autocommit=True)  # want "RL012 \\[medium\\] this transaction runs at autocommit"
    used = conn.execute("SELECT used FROM quotas WHERE client_id = %s", (client_id,)).fetchone()[0]
    if used >= QUOTA:
        raise HTTPException(status_code=429)
    conn.execute("UPDATE quotas SET used = %s WHERE client_id = %s", (used + 1, client_id))


def consume_psycopg2(client_id: str) -> None:
    conn = psycopg2.connect("dbname=app")
    conn.set_isolation_level(ISOLATION_LEVEL_AUTOCOMMIT)  # want "RL012 \\[medium\\]"
    cur = conn.cursor()
    cur.execute("SELECT used FROM quotas WHERE client_id = %s", (client_id,))
    used = cur.fetchone()[0]
    if used >= QUOTA:
        raise HTTPException(status_code=429)
    cur.execute("UPDATE quotas SET used = %s WHERE client_id = %s", (used + 1, client_id))


def consume_statement(client_id: str) -> None:
    with psycopg.connect("dbname=app") as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")  # want "RL012 \\[medium\\]"
        used = conn.execute("SELECT used FROM quotas WHERE client_id = %s", (client_id,)).fetchone()[0]
        if used >= QUOTA:
            raise HTTPException(status_code=429)
        conn.execute("UPDATE quotas SET used = %s WHERE client_id = %s", (used + 1, client_id))
