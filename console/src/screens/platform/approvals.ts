import { LitElement, html } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf } from "../../api/problem";
import type { Column, PageDirection } from "../../components/data-table";
import { field } from "../../components/form";
import { base } from "../../components/styles";
import { formatDateTime } from "../../preferences";
import { PLATFORM, UNREACHABLE, link, markReady, statusBadge } from "./shared";
import "../../components/data-table";

// The operators' approvals inbox (/console/platform/approvals): the platform's two-person requests
// (a prod tenant's deletion, the model registry's changes), those waiting for me first by default,
// filtered by status, a page at a time. Each opens its page, where it is decided.
type Approval = Schemas["ApprovalSummary"];
type Query = NonNullable<import("../../api/schema").paths["/api/v2/saas/approvals"]["get"]["parameters"]["query"]>;
const PAGE = 20;
const STATUSES: Array<[string, string]> = [
  ["", "Any status"],
  ["pending", "Pending"],
  ["approved", "Approved"],
  ["rejected", "Rejected"],
  ["expired", "Expired"],
  ["cancelled", "Cancelled"],
];

const COLUMNS: Column<Approval>[] = [
  { label: "Request", cell: (a) => link(`${PLATFORM}/approvals/${a.id}`, `${a.type.replace(/_/g, " ")}: ${a.action}`, "approval-link") },
  { label: "Resource", cell: (a) => html`${a.resourceType} <code>${a.resourceId}</code>` },
  { label: "Status", cell: (a) => statusBadge(a.status) },
  { label: "Requested by", cell: (a) => a.requestedBy.name || a.requestedBy.email || a.requestedBy.id },
  { label: "Requested", cell: (a) => formatDateTime(a.requestedAt) },
  { label: "Carried out", cell: (a) => a.executionStatus ?? "—" },
  { label: "Mine to decide", cell: (a) => (a.canApprove ? "Yes" : "No") },
];

export class SaasPlatformApprovals extends LitElement {
  static properties = { rows: { state: true }, offset: { state: true }, hasMore: { state: true }, loading: { state: true }, error: { state: true } };
  static styles = [base];
  private loads = 0;
  private filters = { status: "pending", mine: "yes" };
  declare rows: Approval[];
  declare offset: number;
  declare hasMore: boolean;
  declare loading: boolean;
  declare error: string;

  constructor() {
    super();
    this.rows = [];
    this.offset = 0;
    this.hasMore = false;
    this.loading = true;
    this.error = "";
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const seq = ++this.loads;
    this.loading = true;
    this.error = "";
    const query = {
      limit: PAGE,
      offset: this.offset,
      ...(this.filters.status ? { status: this.filters.status } : {}),
      ...(this.filters.mine === "yes" ? { pendingForMe: true } : {}),
    } as Query;
    try {
      const { data, error, response } = await api.GET("/api/v2/saas/approvals", { params: { query } });
      if (seq !== this.loads) return;
      if (data) {
        this.rows = data.approvals;
        this.hasMore = data.pagination.hasMore;
      } else this.error = describe(await problemOf(response, error));
    } catch {
      if (seq === this.loads) this.error = UNREACHABLE;
    } finally {
      if (seq === this.loads) {
        this.loading = false;
        markReady("platform-approvals");
      }
    }
  }

  private filter(e: Event): void {
    const select = e.target as HTMLSelectElement;
    if (!(select.name in this.filters)) return;
    this.filters = { ...this.filters, [select.name]: select.value };
    this.offset = 0;
    void this.load();
  }

  render() {
    return html`
      <h1>Approvals</h1>
      <div class="toolbar" @change=${this.filter}>
        ${field("op-approvals", { label: "Show", name: "mine", value: this.filters.mine, options: [["yes", "Waiting for me"], ["no", "Everyone's"]] })}
        ${field("op-approvals", { label: "Status", name: "status", value: this.filters.status, options: STATUSES })}
      </div>
      <radiant-data-table caption="The platform's approval requests" .columns=${COLUMNS} .rows=${this.rows} .loading=${this.loading} .error=${this.error}
        .canPrevious=${this.offset > 0} .canNext=${this.hasMore}
        emptyHeading="Nothing waiting" emptyMessage="No request matches: change the filters to see decided ones."
        @radiant-page=${(e: CustomEvent<{ direction: PageDirection }>) => {
          this.offset = Math.max(0, this.offset + (e.detail.direction === "next" ? PAGE : -PAGE));
          void this.load();
        }}
        @radiant-retry=${() => void this.load()}></radiant-data-table>
    `;
  }
}
customElements.define("saas-platform-approvals", SaasPlatformApprovals);
