"""WSGI entry point for gunicorn and the `flask` CLI: `app = create_app()`."""
from registry import create_app

app = create_app()
