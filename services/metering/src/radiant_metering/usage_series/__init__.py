"""The tenant dashboard's usage screen (`GET /api/v2/admin/usage`, seed 004 §2.1): usage per day and,
for the last 48 hours, per hour — by model and by agent — with totals, in one call. Daily figures by
model come from the daily rollups (what billing invoices); by agent and by hour from `usage_hourly`,
which the ingest statement folds in the same transaction."""
