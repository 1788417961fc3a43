from fastapi import FastAPI

from .api import auth, items

app = FastAPI()
app.include_router(auth.router, prefix="/api")
app.include_router(items.router, prefix="/api")
