"""Municipalities (the gazetteer's towns and city districts) and town size bands.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

from knowledge_platform.models.vocabulary import DERIVED_LINKS
from knowledge_platform.places.gazetteer_sync import sync


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def _term_columns():
    return [sa.Column('code', sa.String(length=40), nullable=False),
            sa.Column('label_cs', sa.String(length=200), nullable=False),
            sa.Column('label_en', sa.String(length=200), nullable=False),
            sa.Column('position', sa.Integer(), nullable=False)]


def upgrade():
    op.create_table('size_band', *_term_columns(),
                    sa.PrimaryKeyConstraint('code', name=op.f('pk_size_band')))
    op.create_table(
        'municipality', *_term_columns(),
        sa.Column('ruian', sa.String(length=12), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('city', sa.String(length=40), nullable=True),
        sa.Column('region', sa.String(length=10), nullable=False),
        sa.Column('okres', sa.String(length=10), nullable=False),
        sa.Column('orp', sa.String(length=40), nullable=False),
        sa.Column('population', sa.Integer(), nullable=False),
        sa.Column('population_year', sa.Integer(), nullable=False),
        sa.Column('size_band', sa.String(length=20), nullable=False),
        sa.Column('lat', sa.Float(), nullable=False),
        sa.Column('lon', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_municipality')))
    with op.batch_alter_table('municipality') as batch_op:
        for name in ('region', 'okres', 'orp', 'size_band'):
            batch_op.create_index(batch_op.f(f'ix_municipality_{name}'), [name], unique=False)
    op.create_table(
        'project_municipality',
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(['code'], ['municipality.code'],
                                name=op.f('fk_project_municipality_code_municipality'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['project_id'], ['project.id'],
                                name=op.f('fk_project_municipality_project_id_project'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('project_id', 'code', name=op.f('pk_project_municipality')))
    with op.batch_alter_table('project_municipality') as batch_op:
        batch_op.create_index('ix_project_municipality_code_project', ['code', 'project_id'],
                              unique=False)
    op.execute(f"CREATE VIEW project_size_band AS {DERIVED_LINKS['size_band']}")
    sync(op.get_bind())


def downgrade():
    op.execute("DROP VIEW project_size_band")
    op.drop_table('project_municipality')
    op.drop_table('municipality')
    op.drop_table('size_band')
