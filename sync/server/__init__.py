"""The reference provincial server (FastAPI + SQLAlchemy): SQLite or PostgreSQL."""
