"""screening queue: screenings of writes made while the screening index was not ready

Revision ID: 0009_screening_queue
Revises: 0006_accreditation
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_screening_queue'
down_revision = '0008_sources'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('screening_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('trigger', sa.String(length=40), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('actor', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('flags', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening_job'))
    )
    with op.batch_alter_table('screening_job', schema=None) as batch_op:
        batch_op.create_index('ix_screening_job_pending', ['done_at', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('screening_job', schema=None) as batch_op:
        batch_op.drop_index('ix_screening_job_pending')

    op.drop_table('screening_job')
