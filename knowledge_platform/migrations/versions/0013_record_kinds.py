"""Each record's kind: a project, a programme or grant call, a continuing service, or a
network or platform; records stored before it are projects until a curator or an import
says otherwise.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

# The vocabulary as this revision defines it (code, Czech, English); a later change of
# codes or labels gets its own migration.
RECORD_KINDS = [
    ("PROJECT", "projekt", "project"),
    ("PROGRAMME", "program nebo dotační výzva", "programme or grant call"),
    ("SERVICE", "trvalá služba", "continuing service"),
    ("NETWORK", "síť nebo platforma", "network or platform"),
]


def upgrade():
    op.create_table('record_kind',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label_cs', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_record_kind'))
    )
    op.create_table('project_record_kind',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['code'], ['record_kind.code'], name=op.f('fk_project_record_kind_code_record_kind'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_record_kind_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'code', name=op.f('pk_project_record_kind'))
    )
    with op.batch_alter_table('project_record_kind', schema=None) as batch_op:
        batch_op.create_index('ix_project_record_kind_code_project', ['code', 'project_id'], unique=False)
    terms = sa.table('record_kind', sa.column('code', sa.String), sa.column('label_cs', sa.String),
                     sa.column('label_en', sa.String), sa.column('position', sa.Integer))
    op.bulk_insert(terms, [{"code": code, "label_cs": cs, "label_en": en, "position": position}
                           for position, (code, cs, en) in enumerate(RECORD_KINDS)])
    op.execute("INSERT INTO project_record_kind (project_id, code) "
               "SELECT id, 'PROJECT' FROM project")


def downgrade():
    with op.batch_alter_table('project_record_kind', schema=None) as batch_op:
        batch_op.drop_index('ix_project_record_kind_code_project')
    op.drop_table('project_record_kind')
    op.drop_table('record_kind')
