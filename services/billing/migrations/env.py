from radiant_billing.config import Settings
from radiant_platform.migrations import run_migrations

run_migrations(Settings())
