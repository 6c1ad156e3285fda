"""The WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi run``.

``kp serve`` runs gunicorn with the same app after checking the database (docs/deployment.md).
"""
from knowledge_platform import create_app

app = create_app()
