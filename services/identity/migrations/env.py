from radiant_identity.config import Settings
from radiant_platform.migrations import run_migrations

run_migrations(Settings())
