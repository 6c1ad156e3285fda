"""A project's contact person (personal data): name, role, e-mail, phone, and the consent
to be listed publicly with its date.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('project') as batch_op:
        for name in ('contact_name', 'contact_role', 'contact_email', 'contact_phone'):
            batch_op.add_column(sa.Column(name, sa.String(length=500), nullable=False,
                                          server_default=''))
        batch_op.add_column(sa.Column('contact_consent', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('contact_consent_date', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('project') as batch_op:
        for name in ('contact_consent_date', 'contact_consent', 'contact_phone',
                     'contact_email', 'contact_role', 'contact_name'):
            batch_op.drop_column(name)
