"""accreditation: foreign employer accreditations with action history, job orders, job-offer verifications

Revision ID: 0006_accreditation
Revises: 0005_screening
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_accreditation'
down_revision = '0005_screening'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('accreditation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('destination', sa.String(length=2), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_accreditation_agency_id_agency')),
    sa.ForeignKeyConstraint(['employer_id'], ['subject.id'], name=op.f('fk_accreditation_employer_id_subject')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accreditation'))
    )
    with op.batch_alter_table('accreditation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accreditation_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_accreditation_destination'), ['destination'], unique=False)
        batch_op.create_index(batch_op.f('ix_accreditation_employer_id'), ['employer_id'], unique=False)

    op.create_table('verification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=40), nullable=False),
    sa.Column('verdict', sa.String(length=10), nullable=False),
    sa.Column('offer_date', sa.Date(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('agency_name', sa.String(length=300), nullable=False),
    sa.Column('agency_country', sa.String(length=2), nullable=False),
    sa.Column('licence_no', sa.String(length=60), nullable=True),
    sa.Column('employer_id', sa.Integer(), nullable=True),
    sa.Column('employer_name', sa.String(length=300), nullable=False),
    sa.Column('employer_country', sa.String(length=2), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('origin', sa.String(length=2), nullable=False),
    sa.Column('destination', sa.String(length=2), nullable=False),
    sa.Column('request', sa.JSON(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('verifier', sa.String(length=300), nullable=False),
    sa.Column('verifier_token_id', sa.Integer(), nullable=True),
    sa.Column('verifier_user_id', sa.Integer(), nullable=True),
    sa.Column('verifier_country', sa.String(length=2), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_verification_agency_id_agency')),
    sa.ForeignKeyConstraint(['employer_id'], ['subject.id'], name=op.f('fk_verification_employer_id_subject')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verification')),
    sa.UniqueConstraint('token', name=op.f('uq_verification_token'))
    )
    with op.batch_alter_table('verification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_verification_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_verification_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_verification_verified_at'), ['verified_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_verification_verifier_token_id'), ['verifier_token_id'], unique=False)

    op.create_table('accreditation_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('accreditation_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=12), nullable=False),
    sa.Column('from_state', sa.String(length=12), nullable=True),
    sa.Column('to_state', sa.String(length=12), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('legal_basis', sa.String(length=500), nullable=True),
    sa.Column('actor', sa.String(length=300), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['accreditation_id'], ['accreditation.id'], name=op.f('fk_accreditation_action_accreditation_id_accreditation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accreditation_action')),
    sa.UniqueConstraint('accreditation_id', 'seq', name=op.f('uq_accreditation_action_accreditation_id_seq'))
    )
    with op.batch_alter_table('accreditation_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accreditation_action_accreditation_id'), ['accreditation_id'], unique=False)

    op.create_table('job_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('accreditation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('workers', sa.Integer(), nullable=False),
    sa.Column('monthly_wage', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('contract_months', sa.Integer(), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('actor', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('valid_until >= approved_on', name=op.f('ck_job_order_period')),
    sa.CheckConstraint('workers > 0', name=op.f('ck_job_order_workers')),
    sa.ForeignKeyConstraint(['accreditation_id'], ['accreditation.id'], name=op.f('fk_job_order_accreditation_id_accreditation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_order'))
    )
    with op.batch_alter_table('job_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_order_accreditation_id'), ['accreditation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('job_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_order_accreditation_id'))

    op.drop_table('job_order')
    with op.batch_alter_table('accreditation_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accreditation_action_accreditation_id'))

    op.drop_table('accreditation_action')
    with op.batch_alter_table('verification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_verification_verifier_token_id'))
        batch_op.drop_index(batch_op.f('ix_verification_verified_at'))
        batch_op.drop_index(batch_op.f('ix_verification_employer_id'))
        batch_op.drop_index(batch_op.f('ix_verification_agency_id'))

    op.drop_table('verification')
    with op.batch_alter_table('accreditation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accreditation_employer_id'))
        batch_op.drop_index(batch_op.f('ix_accreditation_destination'))
        batch_op.drop_index(batch_op.f('ix_accreditation_agency_id'))

    op.drop_table('accreditation')
