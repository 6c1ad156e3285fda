"""A snapshot of the facet bitmaps, so a process that starts on a large database reads
them in one go instead of every project's links.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bitmap_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('generation', sa.BigInteger(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bitmap_snapshot'))
    )


def downgrade():
    op.drop_table('bitmap_snapshot')
