import { LitElement, css, html } from "lit";
import { api, type Schemas } from "../api/client";
import { describe, problemOf } from "../api/problem";
import { base } from "../components/styles";
import { formatDateTime } from "../router";
import "../components/states";

// Seed 004's tenant dashboard (`saas-tenant-dashboard`): the tenant at a glance from `/admin/stats`
// — members by role, pending invitations, agents, this period's spend against the budget,
// approvals, quotas. A part its owner could not give right now is named, never shown as zero.
type Stats = Schemas["TenantStatsOut"];
type Spend = NonNullable<Stats["spend"]>;

function counts(byKey: Record<string, number> | undefined) {
  const entries = Object.entries(byKey ?? {}).filter(([, n]) => n > 0);
  return entries.length
    ? html`<ul class="counts">${entries.map(([k, n]) => html`<li><span>${k.replace(/_/g, " ")}</span> <strong>${n}</strong></li>`)}</ul>`
    : html`<p class="muted">None</p>`;
}

function money(amount: string | null | undefined, currency: string): string {
  if (amount == null) return "—";
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

export class SaasTenantDashboard extends LitElement {
  static properties = { stats: { state: true }, error: { state: true } };
  static styles = [
    base,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }
      .big { font-size: 2rem; font-weight: 700; margin: 0.25rem 0; }
      ul.counts { list-style: none; padding: 0; margin: 0; }
      ul.counts li { display: flex; justify-content: space-between; padding: 0.15rem 0; text-transform: capitalize; }
      meter { width: 100%; height: 1rem; }
      .quota { margin-bottom: 0.75rem; }
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
      const { data, error, response } = await api.GET("/api/v2/admin/stats");
      if (data) this.stats = data;
      else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = "The console could not reach the API.";
    }
  }

  private spend(s: Spend) {
    const pct = s.percentUsed == null ? null : Number(s.percentUsed);
    return html`<section class="card" aria-labelledby="spend">
      <h2 id="spend">Spend this period</h2>
      <p class="big" data-testid="billed">${money(s.billedCost, s.currency)}</p>
      <p class="muted">${formatDateTime(s.periodStart)} – ${formatDateTime(s.periodEnd)} · projected ${money(s.projectedTotal, s.currency)}</p>
      ${s.budgetLimit != null
        ? html`<label for="budget">Budget ${money(s.budgetLimit, s.currency)} · ${pct?.toFixed(0)} % used</label>
            <meter id="budget" min="0" max="100" low="80" high="100" optimum="0" .value=${pct ?? 0}></meter>
            <p><span class="badge ${s.budgetStatus === "within_budget" ? "ok" : s.budgetStatus === "over_budget" ? "bad" : "warn"}">${s.budgetStatus.replace(/_/g, " ")}</span>
            ${s.thresholdsCrossed.length ? html` thresholds crossed: ${s.thresholdsCrossed.join(", ")} %` : ""}</p>`
        : html`<p class="muted">No budget set.</p>`}
      <p class="muted">${s.requestCount} requests · ${s.totalTokens} tokens</p>
    </section>`;
  }

  render() {
    if (this.error) return html`<h1>Dashboard</h1><radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const s = this.stats;
    if (!s) return html`<h1>Dashboard</h1><p role="status">Loading…</p>`;
    const unavailable = s.unavailable ?? [];
    return html`<h1>Dashboard</h1>
      ${unavailable.length
        ? html`<p role="status" class="badge warn">Not available right now: ${unavailable.map((u) => `${u.part} (${u.reason})`).join("; ")}</p>`
        : ""}
      <div class="grid">
        <section class="card" aria-labelledby="members"><h2 id="members">Members</h2>
          <p class="big" data-testid="members-total">${s.members.total}</p>${counts(s.members.byRole)}</section>
        <section class="card" aria-labelledby="invitations"><h2 id="invitations">Pending invitations</h2>
          <p class="big">${s.invitations.pending}</p>${counts(s.invitations.pendingByRole)}</section>
        <section class="card" aria-labelledby="agents"><h2 id="agents">Agents</h2>
          <p class="big">${s.agents.total}</p>${counts(s.agents.byStatus)}</section>
        ${s.approvals
          ? html`<section class="card" aria-labelledby="approvals"><h2 id="approvals">Approvals</h2>
              <p class="big" data-testid="awaiting">${s.approvals.awaitingDecision}</p><p class="muted">waiting for a decision</p>
              <ul class="counts"><li><span>pending</span> <strong>${s.approvals.pending}</strong></li>
                <li><span>requested by me</span> <strong>${s.approvals.requestedByMe}</strong></li></ul></section>`
          : ""}
        ${s.spend ? this.spend(s.spend) : ""}
        <section class="card" aria-labelledby="quotas"><h2 id="quotas">Quotas</h2>
          ${s.quotas.length
            ? s.quotas.map(
                (q) => html`<div class="quota">
                  <label for=${`quota-${q.resource}`}>${q.resource}: ${q.current}${q.limit != null ? ` of ${q.limit}` : ""} ${q.unit}</label>
                  ${q.limit != null ? html`<meter id=${`quota-${q.resource}`} min="0" max="100" low="80" high="100" optimum="0" .value=${q.percentage}></meter>` : html`<span class="muted">no limit</span>`}
                  ${q.exceeded ? html`<span class="badge bad">limit reached</span>` : ""}
                </div>`,
              )
            : html`<p class="muted">No quotas on this plan.</p>`}
        </section>
      </div>
      <p class="muted">As of ${formatDateTime(s.generatedAt)}</p>`;
  }
}
customElements.define("saas-tenant-dashboard", SaasTenantDashboard);
