"""Plans and subscriptions (issue 14): the versioned catalogue operators edit, each tenant's one
subscription and its changes (upgrade at once with proration, downgrade at the period's end), the
plan's charges that invoices carry, exchange rates for non-USD tenants, and the revenue report."""
