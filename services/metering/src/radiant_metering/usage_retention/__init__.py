"""Each tenant's own raw-usage retention (`dataRetention.usageDetailDays`, set in identity's settings).

The platform keeps raw usage events and the hourly series for `METERING_RAW_RETENTION_DAYS`; a tenant
may ask for less. Every round of the storage job asks identity which tenants keep less and deletes
their older raw rows in bounded batches. The daily rollups, which invoices stand on, are kept.
"""
