from radiant_audit.config import Settings
from radiant_platform.migrations import run_migrations

run_migrations(Settings())
