"""Projects get a random public key (unguessable links); existing rows are given one.

Revision ID: 0002
Revises: 0001

"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen here on purpose: a migration must not change when the application's code does.
_KEY_BYTES = 16


def upgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_key", sa.String(length=64), nullable=True))
    projects = sa.table("projects", sa.column("id", sa.Integer), sa.column("public_key"))
    connection = op.get_bind()
    ids = connection.execute(sa.select(projects.c.id).order_by(projects.c.id)).scalars().all()
    for project_id in ids:
        connection.execute(
            sa.update(projects)
            .where(projects.c.id == project_id)
            .values(public_key=secrets.token_urlsafe(_KEY_BYTES))
        )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.alter_column("public_key", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_projects_public_key"), ["public_key"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_projects_public_key"))
        batch_op.drop_column("public_key")
