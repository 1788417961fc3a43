"""The storage comes from the app's configuration."""
from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
app.config.from_object("app.settings")
limiter = Limiter(get_remote_address, app=app)
