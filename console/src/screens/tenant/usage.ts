import { LitElement, css, html, nothing } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf, type Problem } from "../../api/problem";
import type { ChartSeries } from "../../components/chart";
import { field } from "../../components/form";
import { base } from "../../components/styles";
import { formatDate } from "../../preferences";
import { UNREACHABLE, count, money } from "./shared";
import "../../components/chart";
import "../../components/states";

// Seed 004's usage charts (`saas-usage`): the tenant's usage per day by model and by agent over a
// period (the last 30 days unless chosen; the API bounds it), the last 48 hours per hour, and the
// totals by model and by agent — all from `GET /admin/usage`. Days the API has no row for are zero.
type Usage = Schemas["UsageDashboardOut"];
type Figures = Schemas["FiguresOut"];
/** The platform's costs are USD (metering prices its registry in USD; billing converts on invoices). */
const COST_CURRENCY = "USD";
const NO_AGENT = "No agent";

/** Every day from start to end inclusive, as the API writes them (UTC calendar days). */
export function daysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`), last = Date.parse(`${end}T00:00:00Z`); t <= last; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** One series per key (a model, an agent), one value per day (0 where the API has no row). */
function perDay<Row extends { date: string; totalTokens: number }>(days: string[], rows: Row[], key: (r: Row) => string): ChartSeries[] {
  const index = new Map(days.map((d, i) => [d, i]));
  const series = new Map<string, number[]>();
  for (const r of rows) {
    const values = series.get(key(r)) ?? days.map(() => 0);
    const i = index.get(r.date);
    if (i !== undefined) values[i] += r.totalTokens;
    series.set(key(r), values);
  }
  return [...series.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, values]) => ({ label, values }));
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export class SaasUsage extends LitElement {
  static properties = {
    usage: { state: true },
    error: { state: true },
    problem: { state: true },
    loading: { state: true },
    agentNames: { state: true },
    start: { state: true },
    end: { state: true },
  };
  static styles = [
    base,
    css`
      .totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 1rem; margin-bottom: 1.5rem; }
      .big { font-size: 1.6rem; font-weight: 700; margin: 0.25rem 0 0; }
      .charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.5rem; margin-bottom: 1.5rem; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.45rem 0.75rem; border-top: 1px solid var(--radiant-border); }
      td.n, th.n { text-align: right; }
      .tables { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1.5rem; }
    `,
  ];
  declare usage: Usage | null;
  declare error: string;
  declare problem: Problem | null;
  declare loading: boolean;
  declare agentNames: Map<string, string>;
  declare start: string;
  declare end: string;
  private loads = 0;

  constructor() {
    super();
    this.usage = null;
    this.error = "";
    this.problem = null;
    this.loading = true;
    this.agentNames = new Map();
    const today = new Date();
    this.end = isoDay(today);
    this.start = isoDay(new Date(today.getTime() - 29 * 86_400_000));
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void this.loadAgentNames();
  }

  async load(): Promise<void> {
    const seq = ++this.loads;
    this.loading = true;
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/usage", { params: { query: { startDate: this.start, endDate: this.end } } });
      if (seq !== this.loads) return;
      if (data) {
        this.usage = data;
        this.problem = null;
      } else {
        const problem = await problemOf(response, error);
        if (problem.status === 422) this.problem = problem; // the period's field errors, on the form
        else this.error = describe(problem);
      }
    } catch {
      this.error = UNREACHABLE;
    } finally {
      if (seq === this.loads) this.loading = false;
    }
  }

  /** The agents' names for the by-agent series (an id the list does not have is shown as the id). */
  private async loadAgentNames(): Promise<void> {
    const { data } = await api.GET("/api/v2/admin/agents", { params: { query: { limit: 200 } } }).catch(() => ({ data: undefined }));
    if (data) this.agentNames = new Map(data.agents.map((a) => [a.id, a.name]));
  }

  private agent(id: string | null): string {
    return id === null ? NO_AGENT : (this.agentNames.get(id) ?? id);
  }

  private period(e: SubmitEvent): void {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    this.start = String(d.get("startDate") ?? "");
    this.end = String(d.get("endDate") ?? "");
    void this.load();
  }

  private totals(t: Figures) {
    const card = (label: string, value: string, id: string) =>
      html`<section class="card" aria-labelledby=${`total-${id}`}><h2 id=${`total-${id}`}>${label}</h2><p class="big" data-testid=${`usage-${id}`}>${value}</p></section>`;
    return html`<div class="totals">
      ${card("Requests", count(t.requests), "requests")}${card("Input tokens", count(t.inputTokens), "input")}
      ${card("Output tokens", count(t.outputTokens), "output")}${card("Total tokens", count(t.totalTokens), "tokens")}
      ${card("Cost", money(t.billedCost, COST_CURRENCY), "cost")}
    </div>`;
  }

  private table<Row extends Figures>(caption: string, first: string, rows: Row[], name: (r: Row) => string) {
    if (rows.length === 0) return html`<radiant-empty-state heading=${`${caption}: none`} message="No usage in this period."></radiant-empty-state>`;
    return html`<table>
      <caption>${caption}</caption>
      <thead><tr><th scope="col">${first}</th><th scope="col" class="n">Requests</th><th scope="col" class="n">Tokens</th><th scope="col" class="n">Cost</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr><th scope="row">${name(r)}</th><td class="n">${count(r.requests)}</td><td class="n">${count(r.totalTokens)}</td>
        <td class="n">${money(r.billedCost, COST_CURRENCY)}</td></tr>`)}</tbody>
    </table>`;
  }

  private body() {
    if (this.error) return html`<radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const u = this.usage;
    if (!u) return html`<p role="status">Loading…</p>`;
    const d = u.days;
    const days = daysBetween(d.period.startDate, d.period.endDate);
    const tokens = (v: number) => count(v);
    const hours = u.last48Hours;
    return html`
      <p class="muted" data-testid="usage-period">${formatDate(`${d.period.startDate}T00:00:00Z`, "UTC")} – ${formatDate(`${d.period.endDate}T00:00:00Z`, "UTC")} (UTC days)</p>
      ${this.totals(d.totals)}
      ${d.totals.requests === 0
        ? html`<radiant-empty-state heading="No usage in this period" message="Requests your agents and keys make show here as they are metered."></radiant-empty-state>`
        : html`<div class="charts">
            <section class="card"><radiant-chart heading="Tokens per day by model" kind="bar" x-type="day" y-label="Tokens"
              .x=${days} .series=${perDay(days, d.dailyByModel, (r) => r.modelId)} .formatValue=${tokens}></radiant-chart></section>
            <section class="card"><radiant-chart heading="Tokens per day by agent" kind="bar" x-type="day" y-label="Tokens"
              .x=${days} .series=${perDay(days, d.dailyByAgent, (r) => this.agent(r.agentId))} .formatValue=${tokens}></radiant-chart></section>
            <section class="card"><radiant-chart heading="Requests per hour, last 48 hours" kind="line" x-type="time" y-label="Requests"
              .x=${hours.hourly.map((h) => h.hour)} .series=${[{ label: "Requests", values: hours.hourly.map((h) => h.requests) }]}
              empty-message="No requests in the last 48 hours."></radiant-chart></section>
          </div>
          <div class="tables">
            ${this.table("By model", "Model", d.byModel, (r) => r.modelId)}
            ${this.table("By agent", "Agent", d.byAgent, (r) => this.agent(r.agentId))}
          </div>`}
    `;
  }

  render() {
    const fields: Record<string, string> = {};
    for (const e of this.problem?.errors ?? []) fields[e.field.replace(/^query\./, "")] ??= e.message;
    return html`<h1>Usage</h1>
      <form class="toolbar" @submit=${this.period} novalidate aria-label="Period">
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : nothing}
        ${field("usage", { label: "From", name: "startDate", type: "date", value: this.start, error: fields.startDate })}
        ${field("usage", { label: "To", name: "endDate", type: "date", value: this.end, error: fields.endDate })}
        <button type="submit" ?disabled=${this.loading}>Show</button>
      </form>
      ${this.body()}`;
  }
}
customElements.define("saas-usage", SaasUsage);
