"""Alembic environment: migrate the connection handed over by ``erp_select.store.db.upgrade``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from erp_select.store.orm import Base

# A fixed key for PostgreSQL's advisory lock, so two app processes never migrate at once.
_MIGRATION_LOCK = 72_011_931


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the shared connection (offline SQL generation is not used)."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("erp-select migrations run through erp_select.store.db.upgrade()")
    _run(connection)


run_migrations_online()
