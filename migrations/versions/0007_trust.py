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

    # A subject's jurisdiction: the country of the regulator who created it (from its audit entry), else its own country.
    with op.batch_alter_table('subject', schema=None) as batch_op:
        batch_op.add_column(sa.Column('jurisdiction', sa.String(length=2), nullable=True))
    op.execute("UPDATE subject SET jurisdiction = COALESCE((SELECT a.actor_country FROM audit_entry a "
               "WHERE a.entity_type = 'subject' AND a.action = 'subject.create' AND a.actor_role = 'regulator' "
               "AND a.entity_id = CAST(subject.id AS VARCHAR(60)) ORDER BY a.id LIMIT 1), country)")
    with op.batch_alter_table('subject', schema=None) as batch_op:
        batch_op.alter_column('jurisdiction', existing_type=sa.String(length=2), nullable=False)
        batch_op.create_index(batch_op.f('ix_subject_jurisdiction'), ['jurisdiction'], unique=False)

    # Console sessions carry the user's session epoch; logout bumps it.
    with op.batch_alter_table('console_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('console_user', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')
    with op.batch_alter_table('subject', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subject_jurisdiction'))
        batch_op.drop_column('jurisdiction')
    with op.batch_alter_table('exchange_rate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_rate_country'))
        batch_op.drop_constraint(batch_op.f('uq_exchange_rate_base_quote_effective_on_country'), type_='unique')
        batch_op.create_unique_constraint('uq_exchange_rate_base_quote_effective_on', ['base', 'quote', 'effective_on'])
        batch_op.drop_column('country')
