"""Curator history: revisions, merged projects and organisations, distinct relations.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

OLD_KINDS = ('same_series', 'predecessor_of', 'possible_duplicate')
NEW_KINDS = (*OLD_KINDS, 'distinct')


def _kinds_in(kinds):
    return sa.column('kind').in_(kinds)


def upgrade():
    op.create_table('revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=254), nullable=False),
    sa.Column('kind', sa.Enum('import', 'edit', 'revert', 'conflict', 'merge', 'status', 'badge', name='revision_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('import_run_id', sa.Integer(), nullable=True),
    sa.Column('reverts_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['import_run_id'], ['import_run.id'], name=op.f('fk_revision_import_run_id_import_run'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_revision_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reverts_id'], ['revision.id'], name=op.f('fk_revision_reverts_id_revision'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_revision_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision'))
    )
    with op.batch_alter_table('revision') as batch_op:
        batch_op.create_index('ix_revision_project_created', ['project_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_revision_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('project') as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_project_merged_into_id_project'), 'project', ['merged_into_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('organisation') as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_organisation_merged_into_id_organisation'), 'organisation', ['merged_into_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('evaluation') as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_evaluation_user_id'), ['user_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_evaluation_user_id_user_account'), 'user_account', ['user_id'], ['id'], ondelete='SET NULL')
        batch_op.create_unique_constraint('uq_evaluation_project_user', ['project_id', 'user_id'])
    with op.batch_alter_table('project_relation') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_project_relation_relation_kind'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_project_relation_relation_kind'),
                                         _kinds_in(NEW_KINDS))


def downgrade():
    op.execute("DELETE FROM project_relation WHERE kind = 'distinct'")
    with op.batch_alter_table('project_relation') as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_project_relation_relation_kind'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_project_relation_relation_kind'),
                                         _kinds_in(OLD_KINDS))
    with op.batch_alter_table('evaluation') as batch_op:
        batch_op.drop_constraint('uq_evaluation_project_user', type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_evaluation_user_id_user_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_evaluation_user_id'))
        batch_op.drop_column('user_id')
    with op.batch_alter_table('organisation') as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organisation_merged_into_id_organisation'), type_='foreignkey')
        batch_op.drop_column('merged_into_id')
    with op.batch_alter_table('project') as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_project_merged_into_id_project'), type_='foreignkey')
        batch_op.drop_column('merged_into_id')
    op.drop_table('revision')
