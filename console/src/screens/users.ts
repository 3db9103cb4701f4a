import { LitElement, html } from "lit";
import { api, type Schemas } from "../api/client";
import { describe, problemOf } from "../api/problem";
import type { Column, PageDirection } from "../components/data-table";
import { field } from "../components/form";
import { base } from "../components/styles";
import { BASE, formatDateTime, navigate } from "../router";
import "../components/data-table";
import "./user-invite";

// Seed 004's user list (`saas-users`): everyone in the tenant with their role and status — pending
// users are invitations not yet accepted — filtered by role and status, a page at a time.
type User = Schemas["AdminOut"];
const PAGE = 20;
const ROLES: Array<[string, string]> = [
  ["", "Any role"],
  ["super_admin", "Super admin"],
  ["admin", "Admin"],
  ["operator", "Operator"],
  ["auditor", "Auditor"],
  ["member", "Member"],
];
const STATUSES: Array<[string, string]> = [["", "Any status"], ["active", "Active"], ["pending", "Pending"], ["suspended", "Suspended"]];

function follow(e: MouseEvent, page: string): void {
  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(page);
}

const COLUMNS: Column<User>[] = [
  {
    label: "Name",
    cell: (u) => html`<a href=${`${BASE}/members/${u.id}`} @click=${(e: MouseEvent) => follow(e, `/members/${u.id}`)}
      >${u.displayName || `${u.firstName} ${u.lastName}`.trim() || u.email}</a>`,
  },
  { label: "Email", cell: (u) => u.email },
  { label: "Role", cell: (u) => u.role },
  {
    label: "Status",
    cell: (u) => html`<span class="badge ${u.status === "active" ? "ok" : u.status === "pending" ? "warn" : "bad"}">${u.status}</span>`,
  },
  { label: "MFA", cell: (u) => (u.mfaEnabled ? "On" : "Off") },
  { label: "Last sign-in", cell: (u) => formatDateTime(u.lastLoginAt) },
];

export class SaasUsers extends LitElement {
  static properties = {
    rows: { state: true },
    offset: { state: true },
    hasMore: { state: true },
    loading: { state: true },
    error: { state: true },
    role: { state: true },
    status: { state: true },
    inviting: { state: true },
  };
  static styles = [base];
  /** Loads started; only the latest one's answer is shown. */
  private loads = 0;
  declare rows: User[];
  declare offset: number;
  declare hasMore: boolean;
  declare loading: boolean;
  declare error: string;
  declare role: string;
  declare status: string;
  declare inviting: boolean;

  constructor() {
    super();
    this.rows = [];
    this.offset = 0;
    this.hasMore = false;
    this.loading = false;
    this.error = "";
    this.role = "";
    this.status = "";
    this.inviting = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const seq = ++this.loads;
    this.loading = true;
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/users", {
        params: {
          query: {
            limit: PAGE,
            offset: this.offset,
            role: (this.role || undefined) as User["role"] | undefined as never,
            status: (this.status || undefined) as never,
          },
        },
      });
      if (seq !== this.loads) return; // a later load (new filters or page) answers instead
      if (data) {
        this.rows = data.adminUsers;
        this.hasMore = data.pagination.hasMore;
      } else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = "The console could not reach the API.";
    } finally {
      if (seq === this.loads) this.loading = false;
    }
  }

  private page(direction: PageDirection): void {
    this.offset = Math.max(0, this.offset + (direction === "next" ? PAGE : -PAGE));
    void this.load();
  }

  private filter(e: Event): void {
    const select = e.target as HTMLSelectElement;
    if (select.name === "role") this.role = select.value;
    else this.status = select.value;
    this.offset = 0;
    void this.load();
  }

  render() {
    return html`
      <h1>Members</h1>
      <div class="toolbar" @change=${this.filter}>
        ${field("users", { label: "Role", name: "role", value: this.role, options: ROLES })}
        ${field("users", { label: "Status", name: "status", value: this.status, options: STATUSES })}
        <button class="primary" type="button" @click=${() => (this.inviting = true)}>Invite a user</button>
      </div>
      <radiant-data-table
        caption="People in this tenant"
        .columns=${COLUMNS}
        .rows=${this.rows}
        .loading=${this.loading}
        .error=${this.error}
        .canPrevious=${this.offset > 0}
        .canNext=${this.hasMore}
        emptyHeading="No users match"
        emptyMessage="Invite someone, or change the filters."
        @radiant-page=${(e: CustomEvent<{ direction: PageDirection }>) => this.page(e.detail.direction)}
        @radiant-retry=${() => void this.load()}
      ></radiant-data-table>
      <saas-user-invite .open=${this.inviting} @radiant-close=${() => (this.inviting = false)}
        @radiant-invited=${() => void this.load()}></saas-user-invite>
    `;
  }
}
customElements.define("saas-users", SaasUsers);
