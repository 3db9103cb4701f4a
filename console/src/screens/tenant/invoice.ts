import { LitElement, css, html, nothing } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf } from "../../api/problem";
import { base } from "../../components/styles";
import { formatDate } from "../../preferences";
import { BASE, formatDateTime } from "../../router";
import { UNREACHABLE, count, follow, money, tone, words } from "./shared";
import "../../components/states";

// One invoice (`saas-invoice-detail`, /console/billing/invoices/{id}, where the billing emails link):
// its period, lines (usage per model, plan fee, proration), subtotal, margin, tax, total, status and
// due date, from `GET /billing/invoices/{id}`. The API has no document to download (no PDF or
// provider link in its answer), so none is offered.
type Invoice = Schemas["InvoiceOut"];

function day(value: string): string {
  return formatDate(`${value}T00:00:00Z`, "UTC");
}

export class SaasInvoiceDetail extends LitElement {
  static properties = { invoiceId: {}, invoice: { state: true }, error: { state: true } };
  static styles = [
    base,
    css`
      table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
      th, td { text-align: left; padding: 0.45rem 0.75rem; border-top: 1px solid var(--radiant-border); }
      .n { text-align: right; }
      tfoot th, tfoot td { font-weight: 600; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 1rem; }
      dt { color: var(--radiant-muted); }
      dd { margin: 0; }
      a { color: var(--radiant-accent); }
    `,
  ];
  declare invoiceId: string;
  declare invoice: Invoice | null;
  declare error: string;

  constructor() {
    super();
    this.invoiceId = "";
    this.invoice = null;
    this.error = "";
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("invoiceId") && changed.get("invoiceId")) {
      this.invoice = null;
      void this.load();
    }
  }

  async load(): Promise<void> {
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/billing/invoices/{invoice_id}", { params: { path: { invoice_id: this.invoiceId } } });
      if (data) this.invoice = data;
      else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = UNREACHABLE;
    }
  }

  render() {
    const back = html`<p><a href=${`${BASE}/billing`} @click=${(e: MouseEvent) => follow(e, "/billing")}>← Billing</a></p>`;
    if (this.error) return html`${back}<h1>Invoice</h1><radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const i = this.invoice;
    if (!i) return html`${back}<h1>Invoice</h1><p role="status">Loading…</p>`;
    const m = (v: string | null | undefined) => money(v, i.currency);
    return html`${back}
      <h1>Invoice ${i.number}</h1>
      <p><span class="badge ${tone(i.status)}" data-testid="invoice-status">${words(i.status)}</span> · ${day(i.periodStart)} – ${day(i.periodEnd)}</p>
      <table>
        <caption class="visually-hidden">Lines of invoice ${i.number}</caption>
        <thead><tr><th scope="col">Line</th><th scope="col" class="n">Requests</th><th scope="col" class="n">Tokens</th><th scope="col" class="n">Amount</th></tr></thead>
        <tbody>
          ${i.lineItems.length === 0
            ? html`<tr><td colspan="4">No lines: nothing was used or charged in this period.</td></tr>`
            : i.lineItems.map((l) => html`<tr><td>${l.description}${l.modelId ? html` <span class="muted">(${l.modelId})</span>` : nothing}</td>
                <td class="n">${l.kind === "usage" ? count(l.quantity) : ""}</td><td class="n">${l.totalTokens !== null && l.totalTokens !== undefined ? count(l.totalTokens) : ""}</td>
                <td class="n">${m(l.amount)}</td></tr>`)}
        </tbody>
        <tfoot>
          <tr><th scope="row" colspan="3">Subtotal</th><td class="n">${m(i.subtotal)}</td></tr>
          <tr><th scope="row" colspan="3">Tax (${i.taxPercent} %)</th><td class="n">${m(i.tax)}</td></tr>
          <tr><th scope="row" colspan="3">Total</th><td class="n" data-testid="invoice-total">${m(i.total)}</td></tr>
        </tfoot>
      </table>
      <dl>
        <dt>Due</dt><dd>${formatDateTime(i.dueDate)}</dd>
        <dt>Paid</dt><dd>${formatDateTime(i.paidAt)}</dd>
        <dt>Plan</dt><dd>${i.planId ?? "—"}</dd>
        ${i.exchangeRate ? html`<dt>Exchange rate</dt><dd>${i.exchangeRate} ${i.currency} per USD</dd>` : nothing}
        <dt>Issued</dt><dd>${formatDateTime(i.createdAt)}</dd>
        <dt>Provider</dt><dd>${i.provider ?? "stripe"}${i.providerInvoiceId ?? i.stripeInvoiceId ? ` · ${i.providerInvoiceId ?? i.stripeInvoiceId}` : ""}</dd>
      </dl>`;
  }
}
customElements.define("saas-invoice-detail", SaasInvoiceDetail);
