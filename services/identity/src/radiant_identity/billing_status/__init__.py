"""A tenant's lifecycle following its payment provider: a subscription the provider terminated
suspends the tenant (the same suspension as an operator's: sessions end, `tenant.suspended`), a new
subscription there reactivates it — only when the suspension was the provider's own."""
