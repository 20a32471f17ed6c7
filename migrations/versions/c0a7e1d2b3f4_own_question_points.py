"""Own questions keep the talking points and model answer their author wrote for the content check.

Revision ID: c0a7e1d2b3f4
Revises: 5b1e0c7d9a21
"""
import sqlalchemy as sa
from alembic import op

revision = "c0a7e1d2b3f4"
down_revision = "5b1e0c7d9a21"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("custom_prompt") as batch:
        batch.add_column(sa.Column("points", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("model_answer", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("custom_prompt") as batch:
        batch.drop_column("model_answer")
        batch.drop_column("points")
