"""answer status holds 'recording' (a streamed answer still arriving or left unfinished)

Revision ID: 5c1e2a7d9b30
Revises: 34a26a2ed291
Create Date: 2026-12-01 20:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1e2a7d9b30'
down_revision = '34a26a2ed291'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=8), type_=sa.String(length=16),
                              existing_nullable=False)


def downgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=16), type_=sa.String(length=8),
                              existing_nullable=False)
