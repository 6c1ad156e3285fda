"""The WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi run``.

Each process reads its search bitmaps on start, before the first request.
``kp serve`` runs gunicorn with the same app after checking the database (docs/deployment.md).
"""
from knowledge_platform import create_app
from knowledge_platform.ops.serve import warm

app = create_app()
warm(app)
