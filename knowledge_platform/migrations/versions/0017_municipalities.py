"""Municipalities (the gazetteer's towns and city districts) and town size bands.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

from importers.gazetteer import SIZE_BANDS, gazetteer, place_key


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
    # The view as this revision defines it; later ones replace it if it changes.
    op.execute("CREATE VIEW project_size_band AS SELECT DISTINCT pm.project_id AS project_id, "
               "m.size_band AS code FROM project_municipality pm "
               "JOIN municipality m ON m.code = pm.code")
    _load()


def _load():
    # Written here with this revision's columns, not by today's sync: a later revision
    # that adds a column must not break an upgrade that runs this one first.
    op.bulk_insert(sa.table('size_band', *(sa.column(name) for name in (
        'code', 'label_cs', 'label_en', 'position'))), [
        {'code': band.code, 'label_cs': band.label_cs, 'label_en': band.label_en,
         'position': position} for position, band in enumerate(SIZE_BANDS)])
    places = sorted(gazetteer().places.values(),
                    key=lambda place: (place.kind != 'town', place_key(place.name)))
    op.bulk_insert(sa.table('municipality', *(sa.column(name) for name in (
        'code', 'label_cs', 'label_en', 'position', 'ruian', 'kind', 'city', 'region', 'okres',
        'orp', 'population', 'population_year', 'size_band', 'lat', 'lon'))), [
        {'code': place.code, 'label_cs': place.name,
         'label_en': 'Prague' if place.code == 'praha' else place.name, 'position': position,
         'ruian': place.ruian, 'kind': place.kind, 'city': place.city or None,
         'region': place.region, 'okres': place.okres, 'orp': place.orp,
         'population': place.population, 'population_year': place.year,
         'size_band': place.size_band, 'lat': place.lat, 'lon': place.lon}
        for position, place in enumerate(places)])


def downgrade():
    op.execute("DROP VIEW project_size_band")
    op.drop_table('project_municipality')
    op.drop_table('municipality')
    op.drop_table('size_band')
