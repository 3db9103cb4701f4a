import { LitElement, html } from "lit";
import { api, type Schemas } from "../api/client";
import { describe, problemOf } from "../api/problem";
import type { Column, PageDirection } from "../components/data-table";
import { field, formValues } from "../components/form";
import { base } from "../components/styles";
import { toast } from "../components/toasts";
import { formatDateTime } from "../router";
import "../components/data-table";

// Seed 004's audit log (`saas-tenant-audit`): the tenant's hash-chained log, filtered by action,
// actor, resource, outcome and time, a page at a time by the API's cursor; the badge says whether
// the whole chain verifies (`/admin/audit/verify`).
type Entry = Schemas["EntryOut"];
type Verification = Schemas["VerificationOut"];
type Filters = Record<string, string>;
const PAGE = 25;
const OUTCOMES: Array<[string, string]> = [["", "Any outcome"], ["success", "Success"], ["failure", "Failure"], ["denied", "Denied"]];

const COLUMNS: Column<Entry>[] = [
  { label: "When", cell: (e) => formatDateTime(e.occurredAt) },
  { label: "Action", cell: (e) => html`<span class="mono">${e.action}</span>` },
  { label: "Actor", cell: (e) => e.actor.name || e.actor.id },
  { label: "Resource", cell: (e) => html`${e.resourceType}${e.resourceId ? html` <span class="muted mono">${e.resourceId}</span>` : ""}` },
  { label: "Outcome", cell: (e) => html`<span class="badge ${e.outcome === "success" ? "ok" : "bad"}">${e.outcome}</span>` },
  { label: "Source", cell: (e) => e.source },
];

/** A `datetime-local` value (the browser's time zone) as the ISO instant with offset the API wants. */
function instant(local: string | undefined): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

export class SaasTenantAudit extends LitElement {
  static properties = {
    rows: { state: true },
    cursors: { state: true },
    nextCursor: { state: true },
    loading: { state: true },
    error: { state: true },
    filterError: { state: true },
    verification: { state: true },
    verifyError: { state: true },
    exporting: { state: true },
  };
  static styles = [base];
  /** Loads started; only the latest one's answer is shown. */
  private loads = 0;
  declare rows: Entry[];
  /** The cursors of the pages before this one (the first page has none), for Previous. */
  declare cursors: Array<string | undefined>;
  declare nextCursor: string | null;
  declare loading: boolean;
  declare error: string;
  declare filterError: string;
  declare verification: Verification | null;
  declare verifyError: string;
  declare exporting: boolean;
  private filters: Filters = {};
  private cursor: string | undefined;

  constructor() {
    super();
    this.rows = [];
    this.cursors = [];
    this.nextCursor = null;
    this.loading = false;
    this.error = "";
    this.filterError = "";
    this.verification = null;
    this.verifyError = "";
    this.exporting = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void this.verify();
  }

  async load(): Promise<void> {
    const seq = ++this.loads;
    this.loading = true;
    this.error = "";
    const f = this.filters;
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/audit", {
        params: {
          query: {
            limit: PAGE,
            cursor: this.cursor,
            action: f.action,
            actor: f.actor,
            resourceType: f.resourceType,
            outcome: (f.outcome || undefined) as never,
            from: instant(f.from),
            to: instant(f.to),
          },
        },
      });
      if (seq !== this.loads) return; // a later load (new filters or page) answers instead
      if (data) {
        this.rows = data.entries;
        this.nextCursor = data.pagination.hasMore ? (data.pagination.nextCursor ?? null) : null;
      } else {
        const problem = await problemOf(response, error);
        if (problem.status === 422) {
          this.filterError = problem.errors?.map((e) => `${e.field.replace(/^query\./, "")}: ${e.message}`).join("; ") || describe(problem);
          this.rows = [];
        } else this.error = describe(problem);
      }
    } catch {
      this.error = "The console could not reach the API.";
    } finally {
      if (seq === this.loads) this.loading = false;
    }
  }

  async verify(): Promise<void> {
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/audit/verify");
      if (data) this.verification = data;
      else this.verifyError = describe(await problemOf(response, error));
    } catch {
      this.verifyError = "The console could not reach the API.";
    }
  }

  /** The filtered log as a file (the API's CSV or JSON Lines export), downloaded by the browser. */
  private async export(format: "csv" | "jsonl"): Promise<void> {
    const f = this.filters;
    this.exporting = true;
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/audit/export", {
        params: {
          query: {
            format,
            action: f.action,
            actor: f.actor,
            resourceType: f.resourceType,
            outcome: (f.outcome || undefined) as never,
            from: instant(f.from),
            to: instant(f.to),
          },
        },
        parseAs: "blob",
      });
      if (!data) {
        toast(`Export failed: ${describe(await problemOf(response, error))}`, "error");
        return;
      }
      const url = URL.createObjectURL(data as Blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = `audit-log.${format}`;
      link.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      toast("Export failed: the console could not reach the API.", "error");
    } finally {
      this.exporting = false;
    }
  }

  private applyFilters(e: SubmitEvent): void {
    e.preventDefault();
    this.filters = formValues(e.target as HTMLFormElement);
    this.filterError = "";
    this.cursor = undefined;
    this.cursors = [];
    void this.load();
  }

  private page(direction: PageDirection): void {
    if (direction === "next" && this.nextCursor) {
      this.cursors = [...this.cursors, this.cursor];
      this.cursor = this.nextCursor;
    } else if (direction === "previous" && this.cursors.length) {
      this.cursor = this.cursors[this.cursors.length - 1];
      this.cursors = this.cursors.slice(0, -1);
    }
    void this.load();
  }

  private badge() {
    const v = this.verification;
    if (this.verifyError) return html`<span class="badge warn" data-testid="chain-badge">Chain not checked: ${this.verifyError}</span>`;
    if (!v) return html`<span class="badge" data-testid="chain-badge">Verifying the chain…</span>`;
    return v.valid
      ? html`<span class="badge ok" data-testid="chain-badge" title=${`Checked ${formatDateTime(v.verifiedAt)}`}>Chain verified · ${v.entriesChecked} entries</span>`
      : html`<span class="badge bad" data-testid="chain-badge">Chain broken${v.firstBrokenLink ? ` at entry ${v.firstBrokenLink.seq}` : ""} · ${v.problemCount} problem(s)</span>`;
  }

  render() {
    const f = this.filters;
    return html`
      <h1>Audit log</h1>
      <p aria-live="polite">${this.badge()}</p>
      <form class="toolbar" @submit=${this.applyFilters} aria-label="Filters">
        ${field("audit", { label: "Action", name: "action", value: f.action, hint: "A prefix, e.g. invitation." })}
        ${field("audit", { label: "Actor id", name: "actor", value: f.actor })}
        ${field("audit", { label: "Resource type", name: "resourceType", value: f.resourceType })}
        ${field("audit", { label: "Outcome", name: "outcome", value: f.outcome, options: OUTCOMES })}
        ${field("audit", { label: "From", name: "from", type: "datetime-local", value: f.from })}
        ${field("audit", { label: "To", name: "to", type: "datetime-local", value: f.to })}
        <button class="primary" type="submit">Apply filters</button>
        <span class="actions" role="group" aria-label="Export the filtered log">
          <button type="button" ?disabled=${this.exporting} @click=${() => void this.export("csv")}>Export CSV</button>
          <button type="button" ?disabled=${this.exporting} @click=${() => void this.export("jsonl")}>Export JSON Lines</button>
        </span>
      </form>
      ${this.filterError ? html`<p class="form-error" role="alert">${this.filterError}</p>` : ""}
      <radiant-data-table
        caption="Audit entries, newest first"
        .columns=${COLUMNS}
        .rows=${this.rows}
        .loading=${this.loading}
        .error=${this.error}
        .canPrevious=${this.cursors.length > 0}
        .canNext=${this.nextCursor !== null}
        emptyHeading="No audit entries match"
        emptyMessage="Change the filters, or widen the time range."
        @radiant-page=${(e: CustomEvent<{ direction: PageDirection }>) => this.page(e.detail.direction)}
        @radiant-retry=${() => void this.load()}
      ></radiant-data-table>
    `;
  }
}
customElements.define("saas-tenant-audit", SaasTenantAudit);
