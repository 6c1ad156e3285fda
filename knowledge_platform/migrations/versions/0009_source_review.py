"""Source documents that only propose values to a published project wait for review.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('source_document') as batch_op:
        batch_op.add_column(sa.Column('awaiting_review', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('source_document') as batch_op:
        batch_op.drop_column('awaiting_review')
