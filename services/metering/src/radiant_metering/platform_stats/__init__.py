"""Metering's part of the operators' platform view (`GET /api/v2/saas/stats`, composed by the gateway)."""
