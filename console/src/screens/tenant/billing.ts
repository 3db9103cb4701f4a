import { LitElement, css, html, nothing } from "lit";
import { api, type Schemas } from "../../api/client";
import type { operations } from "../../api/schema";
import { describe, problemOf } from "../../api/problem";
import type { ChartThreshold } from "../../components/chart";
import type { Column, PageDirection } from "../../components/data-table";
import { field } from "../../components/form";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import { openUpgradePrompt } from "../../components/upgrade-prompt";
import { formatDate } from "../../preferences";
import { BASE, formatDateTime } from "../../router";
import { UNREACHABLE, count, follow, money, tone, words } from "./shared";
import "../../components/chart";
import "../../components/data-table";
import "../../components/states";

// Seed 004's billing page (`saas-tenant-billing`, /console/billing): the plan and its limits, the
// current period with the projection, spend against the budget with its alert thresholds (a chart),
// the payment status and the provider's payment-method page, and the invoices a page at a time, each
// opening its own page. `?upgrade=1` (the quota emails' link) opens the upgrade prompt;
// `highlight` marks one invoice in the list.
type Overview = Schemas["BillingOverviewOut"];
type Invoice = Schemas["InvoiceOut"];
type InvoiceStatus = NonNullable<operations["list_invoices_api_v2_billing_invoices_get"]["parameters"]["query"]>["status"];
const PAGE = 10;
const STATUSES: Array<[string, string]> = [
  ["", "Any status"],
  ["draft", "Draft"],
  ["pending", "Pending"],
  ["paid", "Paid"],
  ["overdue", "Overdue"],
  ["cancelled", "Cancelled"],
];

function day(value: string): string {
  return formatDate(`${value}T00:00:00Z`, "UTC");
}

function limit(n: number | null, unit: string): string {
  return n === null ? `Unlimited ${unit}` : `${count(n)} ${unit}`;
}

export class SaasTenantBilling extends LitElement {
  static properties = {
    highlight: {},
    overview: { state: true },
    error: { state: true },
    invoices: { state: true },
    invoicesTotal: { state: true },
    offset: { state: true },
    hasMore: { state: true },
    invoicesLoading: { state: true },
    invoicesError: { state: true },
    status: { state: true },
    paymentLink: { state: true },
    paymentBusy: { state: true },
  };
  static styles = [
    base,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; margin-bottom: 1.5rem; }
      .big { font-size: 1.8rem; font-weight: 700; margin: 0.25rem 0; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
      dt { color: var(--radiant-muted); }
      dd { margin: 0; }
      a { color: var(--radiant-accent); }
      section.wide { margin-bottom: 1.5rem; }
      tr.highlight td { background: #fef9c3; }
      .mark { font-weight: 700; }
    `,
  ];
  declare highlight: string;
  declare overview: Overview | null;
  declare error: string;
  declare invoices: Invoice[];
  declare invoicesTotal: number;
  declare offset: number;
  declare hasMore: boolean;
  declare invoicesLoading: boolean;
  declare invoicesError: string;
  declare status: string;
  declare paymentLink: string;
  declare paymentBusy: boolean;
  private loads = 0;

  constructor() {
    super();
    this.highlight = "";
    this.overview = null;
    this.error = "";
    this.invoices = [];
    this.invoicesTotal = 0;
    this.offset = 0;
    this.hasMore = false;
    this.invoicesLoading = true;
    this.invoicesError = "";
    this.status = "";
    this.paymentLink = "";
    this.paymentBusy = false;
  }

  private onPlanChanged = () => void this.load();

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("radiant-plan-changed", this.onPlanChanged);
    void this.load();
    void this.loadInvoices();
    if (new URLSearchParams(window.location.search).get("upgrade") === "1") openUpgradePrompt();
  }

  disconnectedCallback(): void {
    window.removeEventListener("radiant-plan-changed", this.onPlanChanged);
    super.disconnectedCallback();
  }

  async load(): Promise<void> {
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/billing");
      if (data) this.overview = data;
      else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = UNREACHABLE;
    }
  }

  async loadInvoices(): Promise<void> {
    const seq = ++this.loads;
    this.invoicesLoading = true;
    this.invoicesError = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/billing/invoices", {
        params: { query: { limit: PAGE, offset: this.offset, status: (this.status || undefined) as InvoiceStatus } },
      });
      if (seq !== this.loads) return;
      if (data) {
        this.invoices = data.invoices;
        this.invoicesTotal = data.total;
        this.hasMore = data.pagination.hasMore;
      } else this.invoicesError = describe(await problemOf(response, error));
    } catch {
      this.invoicesError = UNREACHABLE;
    } finally {
      if (seq === this.loads) this.invoicesLoading = false;
    }
  }

  private async paymentMethod(): Promise<void> {
    this.paymentBusy = true;
    try {
      const { data, error, response } = await api.POST("/api/v2/admin/billing/payment-method");
      if (data) this.paymentLink = data.url;
      else toast(describe(await problemOf(response, error)), "error");
    } catch {
      toast(UNREACHABLE, "error");
    } finally {
      this.paymentBusy = false;
    }
  }

  private plan(o: Overview) {
    const p = o.plan;
    if (!p) return html`<section class="card" aria-labelledby="plan-h"><h2 id="plan-h">Plan</h2><p>No subscription yet: the default plan's limits apply.</p>
      <button class="primary" type="button" @click=${() => openUpgradePrompt()}>Upgrade</button></section>`;
    const l = p.plan.limits;
    return html`<section class="card" aria-labelledby="plan-h">
      <h2 id="plan-h">Plan</h2>
      <p class="big" data-testid="plan-name">${p.plan.name}</p>
      <p>${money(p.monthlyPrice, p.currency)} a month · <span class="badge ${tone(p.status)}">${words(p.status)}</span></p>
      <dl>
        <dt>Members</dt><dd>${limit(l.maxUsers, "")}</dd>
        <dt>Agents</dt><dd>${limit(l.maxAgents, "")}</dd>
        <dt>Tokens a month</dt><dd>${limit(l.maxTokensPerMonth, "")}</dd>
        <dt>Storage</dt><dd>${l.maxStorageGb === null ? "Unlimited" : `${l.maxStorageGb} GB`}</dd>
      </dl>
      ${p.scheduledChange
        ? html`<p role="status"><span class="badge warn">${p.scheduledChange.status === "pending_approval" ? "Waiting for approval" : "Scheduled"}</span>
            Moves to ${p.scheduledChange.plan} on ${day(p.scheduledChange.effectiveOn)}</p>`
        : nothing}
      <button class="primary" type="button" @click=${() => openUpgradePrompt()}>Upgrade</button>
    </section>`;
  }

  private period(o: Overview) {
    const c = o.currentPeriod;
    const pr = o.projection;
    return html`<section class="card" aria-labelledby="period-h">
      <h2 id="period-h">Current period</h2>
      <p class="muted" data-testid="billing-period">${day(c.period.start)} – ${day(c.period.end)} · day ${c.daysElapsed} of ${c.daysInPeriod}</p>
      <p class="big" data-testid="period-cost">${money(c.totals.billedCost, o.currency)}</p>
      <dl>
        <dt>Requests</dt><dd data-testid="period-requests">${count(c.totals.requestCount)}</dd>
        <dt>Tokens</dt><dd>${count(c.totals.totalTokens)}</dd>
        <dt>Daily average</dt><dd>${money(pr.dailyAverage, o.currency)}</dd>
        <dt>Projected</dt><dd data-testid="projected">${money(pr.projectedTotal, o.currency)}</dd>
      </dl>
      <p class="muted">${pr.methodDescription}</p>
    </section>`;
  }

  private budget(o: Overview) {
    const b = o.budget;
    if (b.budgetLimit === null)
      return html`<section class="card" aria-labelledby="budget-h"><h2 id="budget-h">Budget</h2>
        <p>No budget set. <a href=${`${BASE}/settings/budget`} @click=${(e: MouseEvent) => follow(e, "/settings/budget")}>Set a budget and its alerts</a></p></section>`;
    const budget = Number(b.budgetLimit);
    const thresholds: ChartThreshold[] = b.alertThresholds.map((t) => ({
      label: `${t} %${b.thresholdsCrossed.includes(t) ? " (crossed)" : ""}`,
      value: (budget * t) / 100,
    }));
    const value = (v: number) => money(v, o.currency);
    return html`<section class="card wide" aria-labelledby="budget-h">
      <h2 id="budget-h">Spend vs budget</h2>
      <p><span class="badge ${tone(b.status)}" data-testid="budget-status">${words(b.status)}</span>
        ${money(b.spent, o.currency)} of ${money(b.budgetLimit, o.currency)}${b.percentUsed !== null ? ` (${Number(b.percentUsed).toFixed(0)} %)` : ""}
        ${b.projectedPercent ? html` · projected ${Number(b.projectedPercent).toFixed(0)} %` : nothing}</p>
      <radiant-chart heading="Spend against the budget's alert thresholds" kind="bar" x-type="category" .x=${["Spent so far", "Projected for the period"]}
        .series=${[{ label: `Spend (${o.currency})`, values: [Number(b.spent), Number(o.projection.projectedTotal)] }]}
        .thresholds=${thresholds} .formatValue=${value}></radiant-chart>
    </section>`;
  }

  private payment(o: Overview) {
    const p = o.payment;
    return html`<section class="card" aria-labelledby="payment-h">
      <h2 id="payment-h">Payment</h2>
      <p><span class="badge ${tone(p.status)}" data-testid="payment-status">${words(p.status)}</span> · automatic payment ${p.autoPay ? "on" : "off"}</p>
      ${p.owed.map((w) => html`<p>${money(w.amount, w.currency)} owed on ${w.invoices} invoice${w.invoices === 1 ? "" : "s"} (${w.status}), next due ${formatDateTime(w.nextDue)}</p>`)}
      ${p.lastFailure
        ? html`<p role="alert">Payment of ${p.lastFailure.number} failed ${formatDateTime(p.lastFailure.failedAt)} (${p.lastFailure.attempts} attempts)${p.lastFailure.graceUntil ? `; service continues until ${formatDateTime(p.lastFailure.graceUntil)}` : ""}.</p>`
        : nothing}
      <div class="actions">
        <button type="button" ?disabled=${this.paymentBusy} @click=${() => void this.paymentMethod()}>Add or change the payment method</button>
        ${this.paymentLink ? html`<a href=${this.paymentLink} target="_blank" rel="noopener noreferrer" data-testid="payment-link">Open the payment page</a>` : nothing}
      </div>
    </section>`;
  }

  private columns(): Column<Invoice>[] {
    return [
      {
        label: "Invoice",
        cell: (i) => html`<a href=${`${BASE}/billing/invoices/${i.id}`} @click=${(e: MouseEvent) => follow(e, `/billing/invoices/${i.id}`)}
          >${i.number}</a>${i.id === this.highlight ? html` <span class="mark">(this one)</span>` : nothing}`,
      },
      { label: "Period", cell: (i) => `${day(i.periodStart)} – ${day(i.periodEnd)}` },
      { label: "Total", cell: (i) => money(i.total, i.currency) },
      { label: "Status", cell: (i) => html`<span class="badge ${tone(i.status)}">${words(i.status)}</span>` },
      { label: "Due", cell: (i) => formatDateTime(i.dueDate) },
      { label: "Paid", cell: (i) => formatDateTime(i.paidAt) },
    ];
  }

  private invoiceList() {
    return html`<section class="wide" aria-labelledby="invoices-h">
      <h2 id="invoices-h">Invoices</h2>
      <div class="toolbar" @change=${(e: Event) => { this.status = (e.target as HTMLSelectElement).value; this.offset = 0; void this.loadInvoices(); }}>
        ${field("invoices", { label: "Status", name: "status", value: this.status, options: STATUSES })}
        <span class="muted">${this.invoicesTotal} in all</span>
      </div>
      <radiant-data-table
        caption="Invoices, newest first"
        .columns=${this.columns()}
        .rows=${this.invoices}
        .loading=${this.invoicesLoading}
        .error=${this.invoicesError}
        .canPrevious=${this.offset > 0}
        .canNext=${this.hasMore}
        emptyHeading="No invoices yet"
        emptyMessage="An invoice is issued at the end of each billing period."
        @radiant-page=${(e: CustomEvent<{ direction: PageDirection }>) => {
          this.offset = Math.max(0, this.offset + (e.detail.direction === "next" ? PAGE : -PAGE));
          void this.loadInvoices();
        }}
        @radiant-retry=${() => void this.loadInvoices()}
      ></radiant-data-table>
    </section>`;
  }

  render() {
    const o = this.overview;
    return html`<h1>Billing</h1>
      ${this.error
        ? html`<radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`
        : !o
          ? html`<p role="status">Loading…</p>`
          : html`<div class="grid">${this.plan(o)}${this.period(o)}${this.payment(o)}</div>${this.budget(o)}
              <p class="muted">As of ${day(o.asOf)} · amounts in ${o.currency}</p>`}
      ${this.invoiceList()}`;
  }
}
customElements.define("saas-tenant-billing", SaasTenantBilling);
