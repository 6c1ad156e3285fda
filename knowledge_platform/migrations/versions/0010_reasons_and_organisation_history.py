"""The good-practice reason in Czech and in English, and the history of organisations (edits,
merges, merges undone).

An existing reason goes to the column of its project's language (Czech where none is known),
and revisions that changed it name that column from now on.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

OLD = 'good_practice_reason'


def _projects():
    return sa.table('project', sa.column('id', sa.Integer), sa.column('language', sa.String),
                    sa.column(OLD, sa.Text), sa.column(f'{OLD}_cs', sa.Text),
                    sa.column(f'{OLD}_en', sa.Text))


def _revisions():
    return sa.table('revision', sa.column('id', sa.Integer), sa.column('project_id', sa.Integer),
                    sa.column('changes', sa.JSON))


def _rename_in_revisions(renamed):
    """Rename the keys of every revision's changes: ``renamed(key, project_id)``."""
    revisions = _revisions()
    connection = op.get_bind()
    for revision_id, project_id, changes in connection.execute(
            sa.select(revisions.c.id, revisions.c.project_id, revisions.c.changes)).all():
        keys = {key: renamed(key, project_id) for key in changes or {}}
        if any(key != new for key, new in keys.items()):
            connection.execute(revisions.update().where(revisions.c.id == revision_id).values(
                changes={keys[key]: value for key, value in changes.items()}))


def upgrade():
    with op.batch_alter_table('project') as batch_op:
        for language in ('cs', 'en'):
            batch_op.add_column(sa.Column(f'{OLD}_{language}', sa.Text(), nullable=False,
                                          server_default=''))
    projects = _projects()
    connection = op.get_bind()
    languages = dict(connection.execute(sa.select(projects.c.id, projects.c.language)).all())
    for language in ('cs', 'en'):
        chosen = projects.c.language == 'en' if language == 'en' else sa.or_(
            projects.c.language.is_(None), projects.c.language != 'en')
        connection.execute(projects.update().where(chosen)
                           .values({f'{OLD}_{language}': projects.c[OLD]}))

    def renamed(key, project_id):
        return f"{OLD}_{'en' if languages.get(project_id) == 'en' else 'cs'}" if key == OLD else key

    _rename_in_revisions(renamed)
    with op.batch_alter_table('project') as batch_op:
        batch_op.drop_column(OLD)
        for language in ('cs', 'en'):
            batch_op.alter_column(f'{OLD}_{language}', server_default=None)

    op.create_table('organisation_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=254), nullable=False),
    sa.Column('kind', sa.Enum('edit', 'merge', 'unmerge', name='organisation_change_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('moved', sa.JSON(), nullable=False),
    sa.Column('undone_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_organisation_change_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['organisation.id'], name=op.f('fk_organisation_change_other_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['undone_by_id'], ['organisation_change.id'], name=op.f('fk_organisation_change_undone_by_id_organisation_change'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_organisation_change_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_change'))
    )
    with op.batch_alter_table('organisation_change') as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_change_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_change_user_id'), ['user_id'], unique=False)


def downgrade():
    op.drop_table('organisation_change')
    with op.batch_alter_table('project') as batch_op:
        batch_op.add_column(sa.Column(OLD, sa.Text(), nullable=False, server_default=''))
    projects = _projects()
    # Downgrading keeps one reason: the Czech one where there is one, else the English one.
    for language in ('en', 'cs'):
        op.get_bind().execute(projects.update().where(projects.c[f'{OLD}_{language}'] != '')
                              .values({OLD: projects.c[f'{OLD}_{language}']}))
    _rename_in_revisions(lambda key, _project_id: OLD if key.startswith(f'{OLD}_') else key)
    with op.batch_alter_table('project') as batch_op:
        batch_op.alter_column(OLD, server_default=None)
        for language in ('cs', 'en'):
            batch_op.drop_column(f'{OLD}_{language}')
