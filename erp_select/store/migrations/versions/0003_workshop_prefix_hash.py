"""Workshops keep a keyed hash of their code's first letters, to count failed joins per workshop.

Revision ID: 0003
Revises: 0002

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing workshops get none (their code is not stored in clear): their failed joins
    # are still limited per client, only not counted for the facilitator.
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prefix_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_workshops_prefix_hash"), ["prefix_hash"])


def downgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshops_prefix_hash"))
        batch_op.drop_column("prefix_hash")
