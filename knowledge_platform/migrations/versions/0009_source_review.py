"""Source documents that only propose values to a published project wait for review, each
web address gets the key pages are matched by, each document keeps what its import did, and
organisations an import creates wait to be checked (those already stored count as checked).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

from knowledge_platform.ingest.addresses import address_key


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('source_document') as batch_op:
        batch_op.add_column(sa.Column('awaiting_review', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('url_key', sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=True))
        batch_op.create_index('ix_source_document_url_key', ['url_key'])
    with op.batch_alter_table('organisation') as batch_op:
        batch_op.add_column(sa.Column('checked', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    documents = sa.table('source_document', sa.column('id', sa.Integer),
                         sa.column('url', sa.String), sa.column('url_key', sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(documents.c.id, documents.c.url)
                              .where(documents.c.url.isnot(None))).all()
    for document_id, url in rows:
        key = address_key(url)
        if key:
            connection.execute(documents.update().where(documents.c.id == document_id)
                               .values(url_key=key[:1000]))


def downgrade():
    with op.batch_alter_table('organisation') as batch_op:
        batch_op.drop_column('checked')
    with op.batch_alter_table('source_document') as batch_op:
        batch_op.drop_index('ix_source_document_url_key')
        batch_op.drop_column('outcome')
        batch_op.drop_column('url_key')
        batch_op.drop_column('awaiting_review')
