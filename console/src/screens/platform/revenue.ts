import { LitElement, css, html } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../../api/problem";
import { field } from "../../components/form";
import { base } from "../../components/styles";
import { preferences } from "../../preferences";
import { UNREACHABLE, count, markReady, money } from "./shared";
import "../../components/chart";
import "../../components/states";

// Seed 004's revenue dashboard (`saas-revenue-dashboard`), from billing's GET /saas/billing/revenue
// for a period (at most 366 days): per currency — amounts are never added across currencies —
// invoiced, collected and outstanding, revenue by plan (a chart), and the MRR movement over the
// period (new, expansion, contraction, churn: a chart) with MRR at its start and end.
type Revenue = Schemas["RevenueOut"];
type CurrencyRevenue = Revenue["currencies"][number];

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export class SaasRevenueDashboard extends LitElement {
  static properties = { report: { state: true }, problem: { state: true }, currency: { state: true }, from: { state: true }, to: { state: true } };
  static styles = [
    base,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 1rem; margin-bottom: 1rem; }
      .big { font-size: 1.6rem; font-weight: 700; margin: 0.25rem 0; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
    `,
  ];
  declare report: Revenue | null;
  declare problem: Problem | null;
  declare currency: string;
  declare from: string;
  declare to: string;

  constructor() {
    super();
    const today = new Date();
    this.to = isoDay(today);
    this.from = `${today.getUTCFullYear()}-01-01`;
    this.report = null;
    this.problem = null;
    this.currency = "";
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    this.problem = null;
    try {
      const { data, error, response } = await api.GET("/api/v2/saas/billing/revenue", { params: { query: { from: this.from, to: this.to } } });
      if (data) {
        this.report = data;
        const codes = data.currencies.map((c) => c.currency);
        if (!codes.includes(this.currency)) this.currency = codes.includes(preferences().currency) ? preferences().currency : (codes[0] ?? "");
      } else this.problem = await problemOf(response, error);
    } catch {
      this.problem = { status: 0, title: UNREACHABLE };
    }
  }

  protected updated(changed: Map<string, unknown>): void {
    if (changed.has("report") && this.report && changed.get("report") === null) markReady("revenue-dashboard");
  }

  private period(e: Event): void {
    const input = e.target as HTMLInputElement | HTMLSelectElement;
    if (input.name === "currency") {
      this.currency = input.value;
      return;
    }
    if (input.name === "from") this.from = input.value;
    if (input.name === "to") this.to = input.value;
    if (this.from && this.to) void this.load();
  }

  private currencyReport(c: CurrencyRevenue) {
    const fmt = (v: number) => money(v, c.currency);
    const plans = c.byPlan.map((p) => p.plan ?? "No plan");
    const byPlan = [
      { label: "Collected", values: c.byPlan.map((p) => Number(p.collected)) },
      { label: "Outstanding", values: c.byPlan.map((p) => Number(p.outstanding)) },
    ];
    const m = c.mrr;
    const movement = ["New", "Expansion", "Contraction", "Churn"];
    const movementValues = [m.new, m.expansion, m.contraction, m.churn].map(Number);
    return html`
      <div class="grid" data-testid="revenue-totals">
        <section class="card"><h2>Invoiced</h2><p class="big" data-testid="invoiced">${money(c.invoiced, c.currency)}</p><p class="muted">${count(c.invoiceCount)} invoices, ${count(c.tenantsTotal)} tenants</p></section>
        <section class="card"><h2>Collected</h2><p class="big">${money(c.collected, c.currency)}</p></section>
        <section class="card"><h2>Outstanding</h2><p class="big">${money(c.outstanding, c.currency)}</p></section>
        <section class="card"><h2>MRR</h2><p class="big" data-testid="mrr-end">${money(m.end, c.currency)}</p>
          <p class="muted">from ${money(m.start, c.currency)} (${Number(m.change) >= 0 ? "+" : ""}${money(m.change, c.currency)}), ${count(m.payingTenants)} paying tenants</p></section>
      </div>
      <div class="charts">
        <section class="card"><radiant-chart heading=${`Revenue by plan (${c.currency})`} kind="bar" x-type="category" x-label="Plan" y-label=${c.currency}
          .x=${plans} .series=${byPlan} .formatValue=${fmt} empty-message="No invoices in this period."></radiant-chart></section>
        <section class="card"><radiant-chart heading=${`MRR movement (${c.currency})`} kind="bar" x-type="category" x-label="Movement" y-label=${c.currency}
          .x=${movement} .series=${[{ label: "MRR change", values: movementValues }]} .formatValue=${fmt}
          empty-message="No MRR movement in this period."></radiant-chart></section>
      </div>`;
  }

  render() {
    const errors = fieldErrors(this.problem);
    const r = this.report;
    const current = r?.currencies.find((c) => c.currency === this.currency);
    return html`
      <h1>Revenue</h1>
      <form class="toolbar" @change=${this.period} @submit=${(e: Event) => e.preventDefault()}>
        ${field("revenue", { label: "From", name: "from", type: "date", value: this.from, error: errors.from })}
        ${field("revenue", { label: "To", name: "to", type: "date", value: this.to, error: errors.to, hint: "At most 366 days" })}
        ${r && r.currencies.length > 1
          ? field("revenue", { label: "Currency", name: "currency", value: this.currency, options: r.currencies.map((c) => [c.currency, c.currency] as [string, string]) })
          : ""}
      </form>
      ${this.problem && !Object.keys(errors).length
        ? html`<radiant-error-state .message=${describe(this.problem)} @radiant-retry=${() => void this.load()}></radiant-error-state>`
        : ""}
      ${!r && !this.problem ? html`<p role="status">Loading…</p>` : ""}
      ${r && !current ? html`<radiant-empty-state heading="No revenue in this period" message="No invoice was issued between these dates."></radiant-empty-state>` : ""}
      ${current ? this.currencyReport(current) : ""}
    `;
  }
}
customElements.define("saas-revenue-dashboard", SaasRevenueDashboard);
