from fastapi import FastAPI, HTTPException

app = FastAPI()
COUNTS = {}  # want "RL011 \\[medium\\] .*gunicorn workers 4, docker-compose.yml:4"


@app.get("/")
def index(client: str):
    COUNTS[client] = COUNTS.get(client, 0) + 1
    if COUNTS[client] > 10:
        raise HTTPException(status_code=429)
