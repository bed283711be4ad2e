"""public_status: the licence's public status as recorded by its last action, for the one-statement licence check

Revision ID: 0010_public_status
Revises: 0006_accreditation
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_public_status'
down_revision = '0009_screening_queue'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('licence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('public_status', sa.String(length=20), server_default='pending', nullable=False))
    # the cached state already holds the replay's result; dates (expiry, a suspension's end) are applied at read time
    op.execute("UPDATE licence SET public_status = CASE WHEN state = 'active' THEN 'valid' ELSE state END")


def downgrade():
    with op.batch_alter_table('licence', schema=None) as batch_op:
        batch_op.drop_column('public_status')
