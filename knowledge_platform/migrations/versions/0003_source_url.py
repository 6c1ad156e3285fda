"""Source documents keep the public web address a description was taken from.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('source_document') as batch_op:
        batch_op.add_column(sa.Column('url', sa.String(length=1000), nullable=True))


def downgrade():
    with op.batch_alter_table('source_document') as batch_op:
        batch_op.drop_column('url')
