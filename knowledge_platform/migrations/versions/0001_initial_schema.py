"""Initial schema, and the controlled vocabularies of VOCABULARY.md.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('activity_type',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label_cs', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_activity_type'))
    )
    op.create_table('funder',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label_cs', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_funder'))
    )
    op.create_table('import_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_by', sa.String(length=200), nullable=False),
    sa.Column('new_count', sa.Integer(), nullable=False),
    sa.Column('updated_count', sa.Integer(), nullable=False),
    sa.Column('unchanged_count', sa.Integer(), nullable=False),
    sa.Column('failed_count', sa.Integer(), nullable=False),
    sa.Column('skipped_count', sa.Integer(), nullable=False),
    sa.Column('errors', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_run'))
    )
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('ico', sa.String(length=8), nullable=True),
    sa.Column('type', sa.Enum('ngo', 'municipality', 'region', 'ministry', 'school', 'international', 'other', name='organisation_type', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('ico', name=op.f('uq_organisation_ico'))
    )
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=True),
    sa.Column('title_cs', sa.String(length=500), nullable=False),
    sa.Column('title_en', sa.String(length=500), nullable=False),
    sa.Column('summary_cs', sa.Text(), nullable=False),
    sa.Column('summary_en', sa.Text(), nullable=False),
    sa.Column('description_cs', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('registration_number', sa.String(length=100), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('start_precision', sa.Enum('day', 'month', 'year', name='start_precision', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_precision', sa.Enum('day', 'month', 'year', name='end_precision', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('budget_total', sa.Numeric(precision=15, scale=2), nullable=True),
    sa.Column('subsidy', sa.Numeric(precision=15, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('budget_approximate', sa.Boolean(), nullable=False),
    sa.Column('scope', sa.Enum('local', 'regional', 'national', 'international', name='scope', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('status', sa.Enum('draft', 'in_review', 'published', 'archived', name='status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('good_practice', sa.Boolean(), nullable=False),
    sa.Column('good_practice_reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.CheckConstraint('budget_total IS NULL OR budget_total >= 0', name=op.f('ck_project_budget_non_negative')),
    sa.CheckConstraint('end_date IS NULL OR end_precision IS NOT NULL', name=op.f('ck_project_end_has_precision')),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_project_period')),
    sa.CheckConstraint('start_date IS NULL OR start_precision IS NOT NULL', name=op.f('ck_project_start_has_precision')),
    sa.CheckConstraint('subsidy IS NULL OR subsidy >= 0', name=op.f('ck_project_subsidy_non_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sa.UniqueConstraint('registration_number', name=op.f('uq_project_registration_number'))
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_good_practice'), ['good_practice'], unique=False)
        batch_op.create_index('ix_project_status_end', ['status', 'end_date'], unique=False)
        batch_op.create_index('ix_project_status_start', ['status', 'start_date'], unique=False)
        batch_op.create_index('ix_project_status_updated', ['status', 'updated_at'], unique=False)

    op.create_table('region',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label_cs', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_region'))
    )
    op.create_table('target_group',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label_cs', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_target_group'))
    )
    op.create_table('field_conflict',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('candidates', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolution', sa.JSON(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_field_conflict_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field_conflict'))
    )
    with op.batch_alter_table('field_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_conflict_project_id'), ['project_id'], unique=False)

    op.create_table('organisation_alias',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_organisation_alias_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_alias')),
    sa.UniqueConstraint('key', name=op.f('uq_organisation_alias_key'))
    )
    with op.batch_alter_table('organisation_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_alias_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('project_activity_type',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['code'], ['activity_type.code'], name=op.f('fk_project_activity_type_code_activity_type'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_activity_type_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'code', name=op.f('pk_project_activity_type'))
    )
    with op.batch_alter_table('project_activity_type', schema=None) as batch_op:
        batch_op.create_index('ix_project_activity_type_code_project', ['code', 'project_id'], unique=False)

    op.create_table('project_funder',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['code'], ['funder.code'], name=op.f('fk_project_funder_code_funder'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_funder_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'code', name=op.f('pk_project_funder'))
    )
    with op.batch_alter_table('project_funder', schema=None) as batch_op:
        batch_op.create_index('ix_project_funder_code_project', ['code', 'project_id'], unique=False)

    op.create_table('project_organisation',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('implementer', 'partner', name='organisation_role', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_project_organisation_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_organisation_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'organisation_id', 'role', name=op.f('pk_project_organisation'))
    )
    with op.batch_alter_table('project_organisation', schema=None) as batch_op:
        batch_op.create_index('ix_project_organisation_org_role', ['organisation_id', 'role'], unique=False)

    op.create_table('project_region',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['code'], ['region.code'], name=op.f('fk_project_region_code_region'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_region_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'code', name=op.f('pk_project_region'))
    )
    with op.batch_alter_table('project_region', schema=None) as batch_op:
        batch_op.create_index('ix_project_region_code_project', ['code', 'project_id'], unique=False)

    op.create_table('project_relation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_project_id', sa.Integer(), nullable=False),
    sa.Column('to_project_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('same_series', 'predecessor_of', 'possible_duplicate', name='relation_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('from_project_id <> to_project_id', name=op.f('ck_project_relation_not_self')),
    sa.ForeignKeyConstraint(['from_project_id'], ['project.id'], name=op.f('fk_project_relation_from_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_project_id'], ['project.id'], name=op.f('fk_project_relation_to_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_relation')),
    sa.UniqueConstraint('from_project_id', 'to_project_id', 'kind', name='uq_project_relation')
    )
    with op.batch_alter_table('project_relation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_relation_from_project_id'), ['from_project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_relation_to_project_id'), ['to_project_id'], unique=False)

    op.create_table('project_target_group',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['code'], ['target_group.code'], name=op.f('fk_project_target_group_code_target_group'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_target_group_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'code', name=op.f('pk_project_target_group'))
    )
    with op.batch_alter_table('project_target_group', schema=None) as batch_op:
        batch_op.create_index('ix_project_target_group_code_project', ['code', 'project_id'], unique=False)

    op.create_table('source_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('import_run_id', sa.Integer(), nullable=True),
    sa.Column('location', sa.String(length=1000), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('extraction', sa.JSON(), nullable=False),
    sa.Column('captured_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['import_run_id'], ['import_run.id'], name=op.f('fk_source_document_import_run_id_import_run'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_source_document_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_document'))
    )
    with op.batch_alter_table('source_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_document_content_hash'), ['content_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_document_import_run_id'), ['import_run_id'], unique=False)
        batch_op.create_index('ix_source_document_location_hash', ['location', 'content_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_document_project_id'), ['project_id'], unique=False)

    _load_vocabularies()


# The vocabularies as this revision defines them; a later change of codes or labels
# gets its own migration (VOCABULARY.md: never rename a code silently).
REGIONS = [
    ("CZ010", "Hlavní město Praha", "Prague"),
    ("CZ020", "Středočeský kraj", "Central Bohemian Region"),
    ("CZ031", "Jihočeský kraj", "South Bohemian Region"),
    ("CZ032", "Plzeňský kraj", "Plzeň Region"),
    ("CZ041", "Karlovarský kraj", "Karlovy Vary Region"),
    ("CZ042", "Ústecký kraj", "Ústí nad Labem Region"),
    ("CZ051", "Liberecký kraj", "Liberec Region"),
    ("CZ052", "Královéhradecký kraj", "Hradec Králové Region"),
    ("CZ053", "Pardubický kraj", "Pardubice Region"),
    ("CZ063", "Kraj Vysočina", "Vysočina Region"),
    ("CZ064", "Jihomoravský kraj", "South Moravian Region"),
    ("CZ071", "Olomoucký kraj", "Olomouc Region"),
    ("CZ072", "Zlínský kraj", "Zlín Region"),
    ("CZ080", "Moravskoslezský kraj", "Moravian-Silesian Region"),
    ("CZ", "celá ČR", "whole Czech Republic"),
    ("ABROAD", "zahraničí", "abroad"),
]
FUNDERS = [
    ("AMIF", "Azylový, migrační a integrační fond (AMIF)",
     "Asylum, Migration and Integration Fund (AMIF)"),
    ("ESF", "Evropský sociální fond (ESF, ESF+)", "European Social Fund (ESF, ESF+)"),
    ("OPZ", "Operační program Zaměstnanost (OPZ)", "Operational Programme Employment (OPZ)"),
    ("OPZ_PLUS", "Operační program Zaměstnanost plus (OPZ+)",
     "Operational Programme Employment Plus (OPZ+)"),
    ("IROP", "Integrovaný regionální operační program (IROP)",
     "Integrated Regional Operational Programme (IROP)"),
    ("MV_CR", "Ministerstvo vnitra ČR", "Ministry of the Interior"),
    ("MPSV", "Ministerstvo práce a sociálních věcí", "Ministry of Labour and Social Affairs"),
    ("MSMT", "Ministerstvo školství, mládeže a tělovýchovy",
     "Ministry of Education, Youth and Sports"),
    ("REGION", "rozpočet kraje", "regional budget"),
    ("MUNICIPALITY", "rozpočet obce nebo městské části", "municipal budget"),
    ("EEA_NORWAY", "Fondy EHP a Norska", "EEA and Norway Grants"),
    ("ERASMUS", "Erasmus+", "Erasmus+"),
    ("UNHCR", "UNHCR", "UNHCR"),
    ("OTHER", "jiné zdroje (nadace, soukromí dárci…)", "other (foundations, private donors…)"),
]
ACTIVITY_TYPES = [
    ("information_centre", "informační centrum", "information centre"),
    ("information_campaign", "informační kampaň", "information campaign"),
    ("czech_language", "výuka češtiny", "Czech language teaching"),
    ("legal_counselling", "právní poradenství", "legal counselling"),
    ("social_counselling", "sociální poradenství", "social counselling"),
    ("sociocultural_orientation", "sociokulturní orientace", "sociocultural orientation courses"),
    ("fieldwork", "terénní práce", "fieldwork"),
    ("intercultural_assistance", "interkulturní práce, asistence a tlumočení",
     "intercultural work, assistance and interpreting"),
    ("education_counselling", "poradenství ve vzdělávání, podpora škol a dětí",
     "education counselling, support for schools and children"),
    ("integration_activities", "integrační a multikulturní aktivity",
     "integration and multicultural activities"),
    ("training_of_professionals", "vzdělávání pracovníků", "training of professionals"),
    ("networking_platforms", "platformy a síťování aktérů", "platforms and networking of actors"),
    ("monitoring_research", "monitoring, výzkum a analýzy", "monitoring, research and analysis"),
    ("employment_support", "podpora zaměstnávání", "employment support"),
    ("housing_support", "podpora bydlení", "housing support"),
    ("health_support", "zdraví", "health support"),
    ("other", "jiné", "other"),
]
TARGET_GROUPS = [
    ("third_country_nationals", "státní příslušníci třetích zemí", "third-country nationals"),
    ("eu_citizens", "občané EU", "EU citizens"),
    ("international_protection", "držitelé mezinárodní ochrany",
     "beneficiaries of international protection"),
    ("temporary_protection", "držitelé dočasné ochrany", "temporary protection holders"),
    ("children_youth", "děti a mládež", "children and youth"),
    ("public_administration", "veřejná správa", "public administration"),
    ("professionals", "pracovníci v kontaktu s cizinci", "professionals working with foreigners"),
    ("majority_society", "majoritní společnost", "majority society"),
    ("women", "ženy", "women"),
    ("other", "jiné", "other"),
]


def _load_vocabularies():
    for name, rows in (
        ("region", REGIONS),
        ("funder", FUNDERS),
        ("activity_type", ACTIVITY_TYPES),
        ("target_group", TARGET_GROUPS),
    ):
        table = sa.table(
            name,
            sa.column("code", sa.String),
            sa.column("label_cs", sa.String),
            sa.column("label_en", sa.String),
            sa.column("position", sa.Integer),
        )
        op.bulk_insert(
            table,
            [
                {"code": code, "label_cs": cs, "label_en": en, "position": position}
                for position, (code, cs, en) in enumerate(rows)
            ],
        )


def downgrade():
    with op.batch_alter_table('source_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_document_project_id'))
        batch_op.drop_index('ix_source_document_location_hash')
        batch_op.drop_index(batch_op.f('ix_source_document_import_run_id'))
        batch_op.drop_index(batch_op.f('ix_source_document_content_hash'))

    op.drop_table('source_document')
    with op.batch_alter_table('project_target_group', schema=None) as batch_op:
        batch_op.drop_index('ix_project_target_group_code_project')

    op.drop_table('project_target_group')
    with op.batch_alter_table('project_relation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_relation_to_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_relation_from_project_id'))

    op.drop_table('project_relation')
    with op.batch_alter_table('project_region', schema=None) as batch_op:
        batch_op.drop_index('ix_project_region_code_project')

    op.drop_table('project_region')
    with op.batch_alter_table('project_organisation', schema=None) as batch_op:
        batch_op.drop_index('ix_project_organisation_org_role')

    op.drop_table('project_organisation')
    with op.batch_alter_table('project_funder', schema=None) as batch_op:
        batch_op.drop_index('ix_project_funder_code_project')

    op.drop_table('project_funder')
    with op.batch_alter_table('project_activity_type', schema=None) as batch_op:
        batch_op.drop_index('ix_project_activity_type_code_project')

    op.drop_table('project_activity_type')
    with op.batch_alter_table('organisation_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_alias_organisation_id'))

    op.drop_table('organisation_alias')
    with op.batch_alter_table('field_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_field_conflict_project_id'))

    op.drop_table('field_conflict')
    op.drop_table('target_group')
    op.drop_table('region')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index('ix_project_status_updated')
        batch_op.drop_index('ix_project_status_start')
        batch_op.drop_index('ix_project_status_end')
        batch_op.drop_index(batch_op.f('ix_project_good_practice'))

    op.drop_table('project')
    op.drop_table('organisation')
    op.drop_table('import_run')
    op.drop_table('funder')
    op.drop_table('activity_type')
