"""trust: exchange rates scoped to the issuing country they serve; subjects' jurisdiction; console session epochs

Revision ID: 0007_trust
Revises: 0006_accreditation
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_trust'
down_revision = '0006_accreditation'
branch_labels = None
depends_on = None


def upgrade():
    # Existing rates keep serving every country (they were published before rates were scoped).
    with op.batch_alter_table('exchange_rate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('country', sa.String(length=2), nullable=True))
        batch_op.drop_constraint('uq_exchange_rate_base_quote_effective_on', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_exchange_rate_base_quote_effective_on_country'),
                                          ['base', 'quote', 'effective_on', 'country'])
        batch_op.create_index(batch_op.f('ix_exchange_rate_country'), ['country'], unique=False)


def downgrade():
    with op.batch_alter_table('exchange_rate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_rate_country'))
        batch_op.drop_constraint(batch_op.f('uq_exchange_rate_base_quote_effective_on_country'), type_='unique')
        batch_op.create_unique_constraint('uq_exchange_rate_base_quote_effective_on', ['base', 'quote', 'effective_on'])
        batch_op.drop_column('country')
