"""The good-practice badge needs an evaluation reaching a threshold or a public override,
and sample evaluations (the demo's) say that they are samples.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('project') as batch_op:
        batch_op.add_column(sa.Column('good_practice_override_cs', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('good_practice_override_en', sa.Text(), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('evaluation') as batch_op:
        batch_op.add_column(sa.Column('sample', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('evaluation') as batch_op:
        batch_op.drop_column('sample')
    with op.batch_alter_table('project') as batch_op:
        batch_op.drop_column('good_practice_override_en')
        batch_op.drop_column('good_practice_override_cs')
