"""Pure content checks on transcripts: introduction checklist, mock-call QA, drill accuracy."""
