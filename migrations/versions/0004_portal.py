"""portal: complaints (with payments and an append-only status history) and regulator-console users

Revision ID: 0004_portal
Revises: 0003_fees
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_portal"
down_revision = "0003_fees"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('console_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('disabled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('regulator', 'verifier', 'admin')", name=op.f('ck_console_user_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_console_user')),
    sa.UniqueConstraint('email', name=op.f('uq_console_user_email'))
    )
    op.create_table('complaint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('idempotency_key', sa.String(length=100), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('agency_given', sa.String(length=300), nullable=True),
    sa.Column('employer_name', sa.String(length=300), nullable=True),
    sa.Column('employer_country', sa.String(length=2), nullable=True),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('contact', sa.String(length=300), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('received', 'under_review', 'referred', 'resolved', 'dismissed')", name=op.f('ck_complaint_status')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_complaint_agency_id_agency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint')),
    sa.UniqueConstraint('code', name=op.f('uq_complaint_code')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_complaint_idempotency_key'))
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_status'), ['status'], unique=False)

    op.create_table('complaint_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_event_complaint_id_complaint')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_event')),
    sa.UniqueConstraint('complaint_id', 'seq', name=op.f('uq_complaint_event_complaint_id_seq'))
    )
    with op.batch_alter_table('complaint_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_event_complaint_id'), ['complaint_id'], unique=False)

    op.create_table('complaint_payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_payment_complaint_id_complaint')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_payment'))
    )
    with op.batch_alter_table('complaint_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_payment_complaint_id'), ['complaint_id'], unique=False)



def downgrade():
    with op.batch_alter_table('complaint_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_payment_complaint_id'))

    op.drop_table('complaint_payment')
    with op.batch_alter_table('complaint_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_event_complaint_id'))

    op.drop_table('complaint_event')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_status'))
        batch_op.drop_index(batch_op.f('ix_complaint_country'))
        batch_op.drop_index(batch_op.f('ix_complaint_agency_id'))

    op.drop_table('complaint')
    op.drop_table('console_user')
