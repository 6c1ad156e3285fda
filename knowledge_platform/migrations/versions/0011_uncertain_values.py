"""Each source document counts the extracted values extraction was unsure of, so the review
queue can list drafts with uncertain fields.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

from importers.record import uncertain_fields


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('source_document') as batch_op:
        batch_op.add_column(sa.Column('uncertain_count', sa.Integer(), nullable=False,
                                      server_default='0'))
    documents = sa.table('source_document', sa.column('id', sa.Integer),
                         sa.column('extraction', sa.JSON),
                         sa.column('uncertain_count', sa.Integer))
    connection = op.get_bind()
    for document_id, extraction in connection.execute(
            sa.select(documents.c.id, documents.c.extraction)).all():
        count = len(uncertain_fields(extraction or {}))
        if count:
            connection.execute(documents.update().where(documents.c.id == document_id)
                               .values(uncertain_count=count))


def downgrade():
    with op.batch_alter_table('source_document') as batch_op:
        batch_op.drop_column('uncertain_count')
