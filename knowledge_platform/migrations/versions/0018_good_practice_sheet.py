"""The good-practice sheet: results, lessons learned and what it takes in each language,
the number of participants, and links to methodologies, reports and photos.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

TEXTS = ('results_cs', 'results_en', 'lessons_cs', 'lessons_en', 'requirements_cs',
         'requirements_en')


def upgrade():
    with op.batch_alter_table('project') as batch_op:
        for name in TEXTS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('participants', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sheet_links', sa.JSON(), nullable=False,
                                      server_default='[]'))
        batch_op.create_check_constraint(op.f('ck_project_participants_non_negative'),
                                         'participants IS NULL OR participants >= 0')


def downgrade():
    with op.batch_alter_table('project') as batch_op:
        batch_op.drop_constraint(op.f('ck_project_participants_non_negative'), type_='check')
        batch_op.drop_column('sheet_links')
        batch_op.drop_column('participants')
        for name in reversed(TEXTS):
            batch_op.drop_column(name)
