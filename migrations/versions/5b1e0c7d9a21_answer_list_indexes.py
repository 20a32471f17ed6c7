"""covering indexes for the answers list

Revision ID: 5b1e0c7d9a21
Revises: 5c1e2a7d9b30
Create Date: 2026-12-01 21:20:00

"""
from alembic import op

revision = "5b1e0c7d9a21"
down_revision = "5c1e2a7d9b30"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.create_index("ix_answer_list_entry", ["kind", "prompt_key", "rehearsal_id", "created_at"], unique=False)
        batch_op.create_index("ix_answer_list_question", ["prompt_key", "prompt_text", "kind"], unique=False)


def downgrade():
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_index("ix_answer_list_question")
        batch_op.drop_index("ix_answer_list_entry")
