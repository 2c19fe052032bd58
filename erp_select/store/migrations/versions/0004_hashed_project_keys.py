"""Project keys are stored hashed (like join codes); participants can be revoked.

Every clear ``public_key`` is replaced by its hash in ``key_hash``, so the links users
already keep still open their projects, while a copy of the database opens none.

Revision ID: 0004
Revises: 0003

"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


# Frozen here on purpose: a migration must not change when the application's code does.
# HMAC-SHA256 with an empty key and a purpose label (128-bit random keys need no secret).
def _hash(key: str) -> str:
    message = f"erp-select/project\x00{key}".encode()
    return hmac.new(b"", message, hashlib.sha256).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_hash", sa.String(length=64), nullable=True))
    projects = sa.table(
        "projects",
        sa.column("id", sa.Integer),
        sa.column("public_key", sa.String),
        sa.column("key_hash", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(projects.c.id, projects.c.public_key)).all()
    for project_id, key in rows:
        connection.execute(
            sa.update(projects).where(projects.c.id == project_id).values(key_hash=_hash(key))
        )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.alter_column("key_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_projects_key_hash"), ["key_hash"], unique=True)
        batch_op.drop_index(batch_op.f("ix_projects_public_key"))
        batch_op.drop_column("public_key")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # The clear keys are gone: a downgrade gives every project a new key (old links break).
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_key", sa.String(length=64), nullable=True))
    projects = sa.table("projects", sa.column("id", sa.Integer), sa.column("public_key"))
    connection = op.get_bind()
    ids = connection.execute(sa.select(projects.c.id)).scalars().all()
    for project_id in ids:
        connection.execute(
            sa.update(projects)
            .where(projects.c.id == project_id)
            .values(public_key=secrets.token_urlsafe(16))
        )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.alter_column("public_key", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_projects_public_key"), ["public_key"], unique=True)
        batch_op.drop_index(batch_op.f("ix_projects_key_hash"))
        batch_op.drop_column("key_hash")
