"""Billing's provider boundary: which provider bills a tenant (Stripe or Lago), and Lago's side of it.

The rest of billing asks `provider_of(...)`; Lago's client, its sync state, its usage forwarding and
its webhooks live here (service → repository → models, like billing's own layers). Stripe's client
stays in `radiant_billing.stripe_gateway`, which this package uses for Stripe's hosted pages.
"""
