"""Search index: analysed text per project, FTS5 on SQLite, weighted tsvector on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

FTS_COLUMNS = "title, summary, body"
NEW = "new.title, new.summary, new.body"
OLD = "old.title, old.summary, old.body"


def upgrade():
    op.create_table('search_document',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('analyser', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_search_document_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_search_document'))
    )
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE search_document ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('simple', title), 'A') || "
            "setweight(to_tsvector('simple', summary), 'B') || "
            "setweight(to_tsvector('simple', body), 'C')) STORED"
        )
        op.execute("CREATE INDEX ix_search_document_tsv ON search_document USING gin (tsv)")
        return
    # The terms are analysed already; unicode61 only splits them on spaces.
    op.execute(
        f"CREATE VIRTUAL TABLE search_fts USING fts5({FTS_COLUMNS}, "
        "content='search_document', content_rowid='project_id', tokenize='unicode61')"
    )
    op.execute(
        "CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN "
        f"INSERT INTO search_fts(rowid, {FTS_COLUMNS}) VALUES (new.project_id, {NEW}); END"
    )
    op.execute(
        "CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {FTS_COLUMNS}) "
        f"VALUES ('delete', old.project_id, {OLD}); END"
    )
    op.execute(
        "CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {FTS_COLUMNS}) "
        f"VALUES ('delete', old.project_id, {OLD}); "
        f"INSERT INTO search_fts(rowid, {FTS_COLUMNS}) VALUES (new.project_id, {NEW}); END"
    )


def downgrade():
    if op.get_context().dialect.name != "postgresql":
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS search_document_{trigger}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table('search_document')
