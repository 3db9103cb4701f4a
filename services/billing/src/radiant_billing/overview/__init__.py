"""The tenant dashboard's billing screen (`GET /api/v2/admin/billing`, seed 004 §2.1), in one call:
the plan and its period, the current usage period with its projection, the budget and its alert
thresholds, payment status and the latest invoices — all from billing's own records, and the usage
to date from metering's internal rollups (as `/billing/current` has it)."""
