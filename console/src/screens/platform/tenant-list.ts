import { LitElement, html } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf } from "../../api/problem";
import type { paths } from "../../api/schema";
import type { Column, PageDirection } from "../../components/data-table";
import { field } from "../../components/form";
import { base } from "../../components/styles";
import { formatDateTime } from "../../preferences";
import { navigate } from "../../router";
import { PLATFORM, UNREACHABLE, link, markReady, statusBadge } from "./shared";
import "../../components/data-table";
import "./tenant-create";

// Seed 004's tenant list (`saas-tenant-list`): every tenant with its status badge, filtered by status
// and environment, searched by name (or exact id), sorted, a page at a time (the server pages).
// Identity keeps no plan per tenant, so there is no plan filter here.
type Tenant = Schemas["TenantOut"];
type Query = NonNullable<paths["/api/v2/saas/tenants"]["get"]["parameters"]["query"]>;
const PAGE = 20;
const STATUSES: Array<[string, string]> = [["", "Any status"], ["active", "Active"], ["suspended", "Suspended"], ["deleted", "Deleted"]];
const ENVIRONMENTS: Array<[string, string]> = [["", "Any environment"], ["dev", "Development"], ["staging", "Staging"], ["prod", "Production"]];
const SORTS: Array<[string, string]> = [["-createdAt", "Newest first"], ["createdAt", "Oldest first"], ["name", "Name A–Z"], ["-name", "Name Z–A"]];

const COLUMNS: Column<Tenant>[] = [
  { label: "Name", cell: (t) => link(`${PLATFORM}/tenants/${t.id}`, t.name, "tenant-link") },
  { label: "Environment", cell: (t) => t.environment },
  { label: "Status", cell: (t) => statusBadge(t.status) },
  { label: "App", cell: (t) => t.appId },
  { label: "Created", cell: (t) => formatDateTime(t.createdAt) },
  { label: "Id", cell: (t) => html`<code>${t.id}</code>` },
];

export class SaasTenantList extends LitElement {
  static properties = {
    rows: { state: true },
    offset: { state: true },
    hasMore: { state: true },
    loading: { state: true },
    error: { state: true },
    creating: { state: true },
  };
  static styles = [base];
  private loads = 0;
  private filters = { status: "", environment: "", q: "", sort: "-createdAt" };
  declare rows: Tenant[];
  declare offset: number;
  declare hasMore: boolean;
  declare loading: boolean;
  declare error: string;
  declare creating: boolean;

  constructor() {
    super();
    this.rows = [];
    this.offset = 0;
    this.hasMore = false;
    this.loading = true;
    this.error = "";
    this.creating = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const seq = ++this.loads;
    this.loading = true;
    this.error = "";
    const f = this.filters;
    const query = {
      limit: PAGE,
      offset: this.offset,
      sort: f.sort,
      ...(f.status ? { status: f.status } : {}),
      ...(f.environment ? { environment: f.environment } : {}),
      ...(f.q ? { q: f.q } : {}),
    } as Query;
    try {
      const { data, error, response } = await api.GET("/api/v2/saas/tenants", { params: { query } });
      if (seq !== this.loads) return; // a later load (new filters or page) answers instead
      if (data) {
        this.rows = data.tenants;
        this.hasMore = data.pagination.hasMore;
      } else this.error = describe(await problemOf(response, error));
    } catch {
      if (seq === this.loads) this.error = UNREACHABLE;
    } finally {
      if (seq === this.loads) {
        this.loading = false;
        markReady("tenant-list");
      }
    }
  }

  private page(direction: PageDirection): void {
    this.offset = Math.max(0, this.offset + (direction === "next" ? PAGE : -PAGE));
    void this.load();
  }

  private filter(e: Event): void {
    const control = e.target as HTMLInputElement | HTMLSelectElement;
    if (!(control.name in this.filters)) return;
    this.filters = { ...this.filters, [control.name]: control.value.trim() };
    this.offset = 0;
    void this.load();
  }

  render() {
    return html`
      <h1>Tenants</h1>
      <form class="toolbar" role="search" @change=${this.filter} @submit=${(e: Event) => e.preventDefault()}>
        ${field("tenants", { label: "Search", name: "q", type: "search", value: this.filters.q, maxlength: 255, hint: "Name, or the exact id" })}
        ${field("tenants", { label: "Status", name: "status", value: this.filters.status, options: STATUSES })}
        ${field("tenants", { label: "Environment", name: "environment", value: this.filters.environment, options: ENVIRONMENTS })}
        ${field("tenants", { label: "Sort", name: "sort", value: this.filters.sort, options: SORTS })}
        <button class="primary" type="button" @click=${() => (this.creating = true)}>Create a tenant</button>
      </form>
      <radiant-data-table
        caption="Tenants"
        .columns=${COLUMNS}
        .rows=${this.rows}
        .loading=${this.loading}
        .error=${this.error}
        .canPrevious=${this.offset > 0}
        .canNext=${this.hasMore}
        emptyHeading="No tenants match"
        emptyMessage="Create a tenant, or change the search and filters."
        @radiant-page=${(e: CustomEvent<{ direction: PageDirection }>) => this.page(e.detail.direction)}
        @radiant-retry=${() => void this.load()}
      ></radiant-data-table>
      <saas-tenant-create .open=${this.creating} @radiant-close=${() => (this.creating = false)}
        @radiant-created=${(e: CustomEvent<Schemas["TenantCreatedOut"]>) => navigate(`${PLATFORM}/tenants/${e.detail.tenant.id}`)}></saas-tenant-create>
    `;
  }
}
customElements.define("saas-tenant-list", SaasTenantList);
