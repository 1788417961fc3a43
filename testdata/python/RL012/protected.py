"""Weak isolation where nothing reads then writes, or something else protects the pair."""
import psycopg
from fastapi import HTTPException
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

QUOTA = 100
engine = create_engine("postgresql://db/app", isolation_level="AUTOCOMMIT")
SessionLocal = sessionmaker(bind=engine)


def consume_atomically(client_id: str) -> None:
    session = SessionLocal()
    row = session.execute(
        text("UPDATE quotas SET used = used + 1 WHERE client_id = :c AND used < :q RETURNING used"), {"c": client_id, "q": QUOTA}
    ).first()
    if row is None:
        raise HTTPException(status_code=429)


def consume_locked(client_id: str) -> None:
    conn = psycopg.connect("dbname=app", autocommit=False)
    with conn.transaction():
        used = conn.execute("SELECT used FROM quotas WHERE client_id = %s FOR UPDATE", (client_id,)).fetchone()[0]
        if used >= QUOTA:
            raise HTTPException(status_code=429)
        conn.execute("UPDATE quotas SET used = %s WHERE client_id = %s", (used + 1, client_id))


def report(client_id: str) -> int:
    # a read alone, at autocommit
    session = SessionLocal()
    return session.execute(text("SELECT used FROM quotas WHERE client_id = :c"), {"c": client_id}).scalar()
