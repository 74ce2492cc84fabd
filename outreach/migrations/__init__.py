"""The workspace schema: NNNN_name.sql files, applied in order by ``outreach.store``."""
