"""Token and storage quotas (seed 004 §3) and what they share with tiered margins at ingestion.

- Limits: metering's copy of each tenant's plan limits (`subscription.changed`), the default plan's
  until one arrives; copied to Redis for the request path's check.
- Tokens: month-to-date from the counters `mtd.py` keeps. Usage past the limit is recorded like any
  other and flagged (`over_quota_usage`); `quota.threshold_crossed` is published at 80 % and 100 %,
  once per period, through the outbox.
- Storage: the newest `storage.reported` gauge per tenant, against `max_storage_gb`.
- The request path: `GET /api/v2/metering/quota` (a service key with `quota:read`), two Redis reads.
- `GET /api/v2/admin/quotas`: all four quotas, users and agents from identity's internal API.
"""
