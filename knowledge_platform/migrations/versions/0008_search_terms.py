"""Search terms on PostgreSQL: one (term, project) row per distinct lexeme, read index-only.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23

The GIN index over ``search_document.tsv`` finds the matching rows, but their ids come
from the table's pages: a common word at a million projects visits a hundred thousand of
them. ``search_term``'s primary key answers the same question from the index alone.
Statement triggers with transition tables keep it in step with ``tsv`` in the same
transaction, set-based, so bulk loads and ``kp index rebuild`` stay fast. SQLite's FTS5
index already returns ids without reading rows: nothing changes there.
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# Lexemes of a set of search_document rows (a transition table).
LEXEMES = "SELECT DISTINCT project_id, unnest(tsvector_to_array(tsv)) AS term FROM {}"

FUNCTIONS = {
    "insert": f"""
        INSERT INTO search_term (term, project_id)
        SELECT term, project_id FROM ({LEXEMES.format('new_rows')}) AS added""",
    "delete": f"""
        DELETE FROM search_term AS t USING ({LEXEMES.format('old_rows')}) AS gone
        WHERE t.term = gone.term AND t.project_id = gone.project_id""",
    "update": f"""
        DELETE FROM search_term AS t USING (
            {LEXEMES.format('old_rows')} EXCEPT {LEXEMES.format('new_rows')}) AS gone
        WHERE t.term = gone.term AND t.project_id = gone.project_id;
        INSERT INTO search_term (term, project_id)
        SELECT term, project_id FROM (
            {LEXEMES.format('new_rows')} EXCEPT {LEXEMES.format('old_rows')}) AS added""",
    "truncate": "TRUNCATE search_term",
}
TRANSITIONS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "truncate": "",
}


def upgrade():
    if op.get_context().dialect.name != "postgresql":
        return
    # "C" collation: prefix queries ("integr*") become a range of the primary key.
    op.execute('CREATE TABLE search_term (term text COLLATE "C" NOT NULL, '
               'project_id integer NOT NULL)')
    op.execute(f"INSERT INTO search_term (term, project_id) "
               f"SELECT term, project_id FROM ({LEXEMES.format('search_document')}) AS known")
    op.execute("ALTER TABLE search_term ADD CONSTRAINT pk_search_term "
               "PRIMARY KEY (term, project_id)")
    for event, body in FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION search_term_{event}() RETURNS trigger "
                   f"LANGUAGE plpgsql AS $$ BEGIN {body}; RETURN NULL; END $$")
        op.execute(f"CREATE TRIGGER search_term_{event} AFTER {event.upper()} "
                   f"ON search_document {TRANSITIONS[event]} FOR EACH STATEMENT "
                   f"EXECUTE FUNCTION search_term_{event}()")


def downgrade():
    if op.get_context().dialect.name != "postgresql":
        return
    for event in FUNCTIONS:
        op.execute(f"DROP TRIGGER IF EXISTS search_term_{event} ON search_document")
        op.execute(f"DROP FUNCTION IF EXISTS search_term_{event}()")
    op.execute("DROP TABLE IF EXISTS search_term")
