from radiant_platform.migrations import run_migrations
from radiant_billing.config import Settings

run_migrations(Settings())
