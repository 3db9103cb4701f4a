import { LitElement, css, html } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf } from "../../api/problem";
import { base } from "../../components/styles";
import { formatDateTime } from "../../preferences";
import { PLATFORM, UNREACHABLE, count, link, markReady, money } from "./shared";
import "../../components/chart";
import "../../components/states";

// Seed 004's platform dashboard (`saas-platform-dashboard`): the platform at a glance from
// GET /saas/stats — tenants by status and environment (a chart), administrators, this month's usage
// and cost, invoices outstanding. A part whose owner did not answer is named, never shown as zero.
type Stats = Schemas["PlatformStats"];

const STATUSES = ["active", "suspended", "deleted"];

export class SaasPlatformDashboard extends LitElement {
  static properties = { stats: { state: true }, error: { state: true } };
  static styles = [
    base,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; margin-bottom: 1rem; }
      .big { font-size: 2rem; font-weight: 700; margin: 0.25rem 0; }
      .big .muted { font-size: 1rem; font-weight: 400; }
      dl { display: grid; grid-template-columns: minmax(6rem, 1fr) minmax(0, 1fr); gap: 0.2rem 1rem; margin: 0; }
      dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.35rem 0.5rem; border-top: 1px solid var(--radiant-border); }
      .wide { grid-column: 1 / -1; }
    `,
  ];
  declare stats: Stats | null;
  declare error: string;

  constructor() {
    super();
    this.stats = null;
    this.error = "";
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/saas/stats");
      if (data) this.stats = data;
      else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = UNREACHABLE;
    }
  }

  protected updated(changed: Map<string, unknown>): void {
    if (changed.has("stats") && this.stats) markReady("platform-dashboard");
  }

  private unavailable(service: string) {
    const part = this.stats?.sources.find((s) => s.service === service);
    return html`<p class="muted" data-testid="part-unavailable">Not available right now (${service}${part?.detail ? `: ${part.detail}` : ""}).</p>`;
  }

  private tenantsChart(t: NonNullable<Stats["tenants"]>) {
    const environments = Object.keys(t.byEnvironment).sort();
    const series = STATUSES.map((status) => ({
      label: status,
      values: environments.map((env) => t.byStatusAndEnvironment.find((c) => c.status === status && c.environment === env)?.count ?? 0),
    }));
    return html`<radiant-chart heading="Tenants by environment and status" kind="bar" x-type="category" x-label="Environment"
      y-label="Tenants" .x=${environments} .series=${series} .formatValue=${(v: number) => count(Math.round(v))}></radiant-chart>`;
  }

  render() {
    if (this.error)
      return html`<h1>Platform</h1><radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const s = this.stats;
    if (!s) return html`<h1>Platform</h1><p role="status">Loading…</p>`;
    const t = s.tenants;
    const u = s.usageMonthToDate;
    const inv = s.invoicesOutstanding;
    return html`
      <h1>Platform</h1>
      <p class="muted">As of ${formatDateTime(s.generatedAt)}</p>
      <div class="grid">
        <section class="card" aria-labelledby="tenants-h">
          <h2 id="tenants-h">Tenants</h2>
          ${t
            ? html`<p class="big" data-testid="tenants-total">${count(t.total)}</p>
                <dl>
                  ${Object.entries(t.byStatus).map(([k, n]) => html`<dt>${k}</dt><dd>${count(n)}</dd>`)}
                  <dt>Active in the last 30 days</dt><dd>${count(t.activeLast30Days)}</dd>
                  <dt>Signed in in the last 30 days</dt><dd>${count(t.signedInLast30Days)}</dd>
                </dl>
                <p>${link(`${PLATFORM}/tenants`, "All tenants →")}</p>`
            : this.unavailable("identity")}
        </section>
        <section class="card" aria-labelledby="admins-h">
          <h2 id="admins-h">Administrators</h2>
          ${s.administrators
            ? html`<p class="big">${count(s.administrators.total)}</p>
                <dl>${Object.entries(s.administrators.byRole).map(([k, n]) => html`<dt>${k.replace(/_/g, " ")}</dt><dd>${count(n)}</dd>`)}</dl>`
            : this.unavailable("identity")}
        </section>
        <section class="card" aria-labelledby="usage-h">
          <h2 id="usage-h">Usage this month</h2>
          ${u
            ? html`<p class="big" data-testid="requests-mtd">${count(u.requests)} <span class="muted">requests</span></p>
                <dl>
                  <dt>Tokens</dt><dd>${count(u.totalTokens)}</dd>
                  <dt>Billed</dt><dd>${money(u.billedCost, u.currency)}</dd>
                  <dt>Provider cost</dt><dd>${money(u.providerCost, u.currency)}</dd>
                  <dt>Tenants with usage</dt><dd>${count(u.tenantsWithUsageThisMonth)}</dd>
                  <dt>Refused (suspended)</dt><dd>${count(u.suspendedRequests)}</dd>
                </dl>`
            : this.unavailable("metering")}
        </section>
        <section class="card" aria-labelledby="invoices-h">
          <h2 id="invoices-h">Invoices outstanding</h2>
          ${inv
            ? html`<p class="big">${count(inv.count)}</p>
                <dl>${Object.entries(inv.totals).map(([cur, total]) => html`<dt>${cur}</dt><dd>${money(total, cur)}</dd>`)}</dl>`
            : this.unavailable("billing")}
        </section>
        <section class="card wide" aria-labelledby="chart-h">
          <h2 id="chart-h" class="visually-hidden">Tenants chart</h2>
          ${t ? this.tenantsChart(t) : this.unavailable("identity")}
        </section>
        ${inv && inv.byStatus.length
          ? html`<section class="card wide">
              <table>
                <caption class="visually-hidden">Invoices outstanding by status and currency</caption>
                <thead><tr><th scope="col">Status</th><th scope="col">Currency</th><th scope="col">Invoices</th><th scope="col">Total</th></tr></thead>
                <tbody>${inv.byStatus.map((r) => html`<tr><td>${r.status}</td><td>${r.currency}</td><td>${count(r.count)}</td><td>${money(r.total, r.currency)}</td></tr>`)}</tbody>
              </table>
            </section>`
          : ""}
      </div>
    `;
  }
}
customElements.define("saas-platform-dashboard", SaasPlatformDashboard);
