"""Search generations: a counter and a change log so processes can cache facet bitmaps.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    state = op.create_table('search_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('generation', sa.BigInteger(), nullable=False),
    sa.Column('reset_generation', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_state'))
    )
    op.create_table('search_change',
    sa.Column('generation', sa.BigInteger(), nullable=False),
    sa.Column('project_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('generation', 'project_id', name=op.f('pk_search_change'))
    )
    # Existing data was never logged: generation 1 tells every cache to read it all.
    op.bulk_insert(state, [{'id': 1, 'generation': 1, 'reset_generation': 1}])


def downgrade():
    op.drop_table('search_change')
    op.drop_table('search_state')
