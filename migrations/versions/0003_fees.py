"""fees: fee rules with versions, exchange rates

Revision ID: 0003_fees
Revises: 0002_watchlist
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_fees'
down_revision = '0002_watchlist'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exchange_rate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('base', sa.String(length=3), nullable=False),
    sa.Column('quote', sa.String(length=3), nullable=False),
    sa.Column('rate', sa.Numeric(precision=24, scale=10), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=True),
    sa.Column('actor', sa.String(length=300), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('rate > 0', name=op.f('ck_exchange_rate_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_rate')),
    sa.UniqueConstraint('base', 'quote', 'effective_on', name=op.f('uq_exchange_rate_base_quote_effective_on'))
    )
    with op.batch_alter_table('exchange_rate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_rate_effective_on'), ['effective_on'], unique=False)

    op.create_table('fee_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=12), nullable=False),
    sa.Column('origin', sa.String(length=2), nullable=True),
    sa.Column('destination', sa.String(length=2), nullable=True),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("side IN ('origin', 'destination')", name=op.f('ck_fee_rule_side')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_rule'))
    )
    with op.batch_alter_table('fee_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_rule_destination'), ['destination'], unique=False)
        batch_op.create_index(batch_op.f('ix_fee_rule_origin'), ['origin'], unique=False)

    op.create_table('fee_rule_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('payer', sa.String(length=10), nullable=False),
    sa.Column('cap_kind', sa.String(length=30), nullable=False),
    sa.Column('amount', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('factor', sa.Numeric(precision=12, scale=4), nullable=True),
    sa.Column('steps', sa.JSON(), nullable=True),
    sa.Column('max_months', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('citation', sa.String(length=500), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('actor', sa.String(length=300), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("payer IN ('worker', 'employer')", name=op.f('ck_fee_rule_version_payer')),
    sa.CheckConstraint('effective_to IS NULL OR effective_to >= effective_from', name=op.f('ck_fee_rule_version_period')),
    sa.ForeignKeyConstraint(['rule_id'], ['fee_rule.id'], name=op.f('fk_fee_rule_version_rule_id_fee_rule')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_rule_version')),
    sa.UniqueConstraint('rule_id', 'version', name=op.f('uq_fee_rule_version_rule_id_version'))
    )
    with op.batch_alter_table('fee_rule_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_rule_version_rule_id'), ['rule_id'], unique=False)


def downgrade():
    with op.batch_alter_table('fee_rule_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_rule_version_rule_id'))
    op.drop_table('fee_rule_version')
    with op.batch_alter_table('fee_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_rule_origin'))
        batch_op.drop_index(batch_op.f('ix_fee_rule_destination'))
    op.drop_table('fee_rule')
    with op.batch_alter_table('exchange_rate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_rate_effective_on'))
    op.drop_table('exchange_rate')
