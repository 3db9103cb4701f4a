from typing import Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import SettingsConfigDict

from radiant_platform import console_links
from radiant_platform.service_auth import ServiceAuthSettings
from radiant_platform.settings import dev_secrets_allowed
from radiant_platform.tenant_purge import TenantPurgeSettings

DEV_STRIPE_API_KEY = "sk_test_123"  # what stripe-mock accepts
DEV_LAGO_API_KEY = "lago-dev-key"  # Prism (the local stack's Lago) only checks that one is sent


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(ServiceAuthSettings, TenantPurgeSettings):
    """Billing service settings; every variable is prefixed `BILLING_` (e.g. `BILLING_DATABASE_URL`).

    Locations of the other services and Stripe's API base are the platform's shared variables
    (`METERING_URL`, `APPROVAL_URL`, `IDENTITY_URL`, `STRIPE_API_BASE`) unless a `BILLING_` one overrides
    them. Billing calls metering, approval and identity as itself: `BILLING_INTERNAL_KEY_FILE`.
    """

    model_config = SettingsConfigDict(env_prefix="BILLING_", extra="ignore")

    service_name: str = "billing"
    db_schema: str = "billing"
    port: int = 8004

    metering_url: str = Field("http://127.0.0.1:8003", validation_alias=_env("BILLING_METERING_URL", "METERING_URL"))
    approval_url: str = Field("http://127.0.0.1:8002", validation_alias=_env("BILLING_APPROVAL_URL", "APPROVAL_URL"))

    # Stripe: the official SDK; in dev it talks to stripe-mock.
    stripe_api_key: str = DEV_STRIPE_API_KEY
    stripe_api_base: str = Field(
        "https://api.stripe.com", validation_alias=_env("BILLING_STRIPE_API_BASE", "STRIPE_API_BASE")
    )
    stripe_webhook_secret: str = "whsec_test_dev"
    stripe_timeout_seconds: float = 10.0
    stripe_max_network_retries: int = 2
    # Invoices whose Stripe push failed are retried with exponential backoff from this delay.
    stripe_retry_initial_seconds: int = 60
    stripe_retry_max_seconds: int = 3600
    stripe_webhook_tolerance_seconds: int = 300

    # Which provider bills a tenant: `BILLING_PROVIDER` for all of them, unless a tenant's billing
    # settings name another (`billing_provider`, set by an operator).
    billing_provider: Literal["stripe", "lago"] = Field(
        "stripe", validation_alias=_env("BILLING_PROVIDER", "BILLING_BILLING_PROVIDER")
    )
    # Lago: the official client; the local stack's Lago is Prism serving Lago's published document.
    lago_api_url: str = Field("https://api.getlago.com", validation_alias=_env("BILLING_LAGO_API_URL", "LAGO_API_URL"))
    lago_api_key: str = DEV_LAGO_API_KEY
    #: The key Lago signs HMAC webhooks with (the organization's HMAC key); empty: the API key.
    lago_webhook_hmac_key: str = ""
    #: A PEM file with Lago's webhook public key; unset: fetched from Lago's API and cached.
    lago_webhook_public_key_file: str | None = None
    lago_webhook_public_key_cache_seconds: int = 3600
    #: The `iss` Lago puts in its JWT signatures (its API URL); empty: not checked.
    lago_webhook_issuer: str = ""
    #: The plan a tenant is subscribed to in Lago until billing's plans name another one.
    lago_default_plan_code: str = "radiant_default"
    #: The Lago billable metric usage events are sent to (properties: model, token counts, requests).
    lago_usage_metric_code: str = "radiant_usage"
    lago_call_attempts: int = 3
    lago_retry_initial_seconds: int = 30
    lago_retry_max_seconds: int = 3600
    lago_retry_interval_seconds: float = 15.0
    lago_usage_batch_size: int = Field(100, ge=1, le=100)
    #: Where a payment-method page sends the administrator back to (Stripe's billing portal); unset,
    #: the console's billing page (`payment_method_return`), wherever the console is served.
    payment_method_return_url: str | None = Field(None, validation_alias=_env("BILLING_PAYMENT_METHOD_RETURN_URL"))

    invoice_net_days: int = 30  # due date = day after the period ends + net days
    payment_grace_days: int = 7  # after a failed payment, before the invoice turns overdue

    # Background jobs (seconds between runs).
    stripe_retry_interval_seconds: float = 15.0
    budget_check_interval_seconds: float = 300.0
    invoice_run_interval_seconds: float = 3600.0
    #: The invoice run asks metering for this many tenants' usage per call (metering answers at most 500).
    invoice_run_metering_page_size: int = Field(500, ge=1, le=500)
    #: Tenants invoiced at once by one run (each in its own transaction; bounded by the DB pool).
    invoice_run_concurrency: int = Field(4, ge=1, le=16)
    overdue_sweep_interval_seconds: float = 600.0
    # Plans: a period that ended renews (and a scheduled downgrade applies) within this interval;
    # tenants known before plans existed get the default plan.
    subscription_renewal_interval_seconds: float = 300.0
    subscription_backfill_interval_seconds: float = 600.0

    def secret_values(self) -> dict[str, str | None]:
        # An empty webhook secret would make any Stripe signature verify: the platform's guard
        # refuses empty and development values of each of these outside dev.
        return {
            **super().secret_values(),
            "stripe_webhook_secret": self.stripe_webhook_secret,
            "stripe_api_key": self.stripe_api_key,
            **({"lago_api_key": self.lago_api_key} if self.billing_provider == "lago" else {}),
            # unset (empty) is "not configured": then the API key is the HMAC key, as at Lago
            "lago_webhook_hmac_key": self.lago_webhook_hmac_key or None,
        }

    @property
    def lago_hmac_key(self) -> str:
        """The key Lago's HMAC webhooks are checked with: the configured one, else the API key (Lago's
        default). Outside dev the repository's development key never counts: HMAC webhooks are refused."""
        key = self.lago_webhook_hmac_key or self.lago_api_key
        return "" if key == DEV_LAGO_API_KEY and not dev_secrets_allowed(self.environment) else key

    def payment_method_return(self) -> str:
        return self.payment_method_return_url or console_links.billing(self.console_url)

    @model_validator(mode="after")
    def _refuse_dev_stripe_key_outside_dev(self) -> "Settings":
        if not dev_secrets_allowed(self.environment) and self.stripe_api_key == DEV_STRIPE_API_KEY:
            raise ValueError(f"stripe_api_key is the development key; set a real one for {self.environment}")
        lago_dev_key = self.billing_provider == "lago" and self.lago_api_key == DEV_LAGO_API_KEY
        if not dev_secrets_allowed(self.environment) and lago_dev_key:
            raise ValueError(f"lago_api_key is the development key; set a real one for {self.environment}")
        return self
