import { LitElement, css, html, nothing } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf, type Problem } from "../../api/problem";
import type { Column, PageDirection } from "../../components/data-table";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import { formatDateTime } from "../../router";
import { UNREACHABLE } from "./shared";
import "../../components/data-table";

// Seed 004's agent users (`saas-agent-users`): who may use a private agent, a page at a time, with
// adding a member of the tenant (chosen from its active people) and withdrawing one.
type AgentUser = Schemas["AgentUserOut"];
type Person = Schemas["AdminOut"];
const PAGE = 20;
/** The people offered in the picker: the tenant's active accounts, first page (the API's maximum). */
const PEOPLE = 200;

export class SaasAgentUsers extends LitElement {
  static properties = {
    agentId: {},
    rows: { state: true },
    offset: { state: true },
    hasMore: { state: true },
    loading: { state: true },
    error: { state: true },
    people: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  static styles = [base, css`:host { display: block; margin-top: 1.5rem; } form { margin-bottom: 1rem; }`];
  declare agentId: string;
  declare rows: AgentUser[];
  declare offset: number;
  declare hasMore: boolean;
  declare loading: boolean;
  declare error: string;
  declare people: Person[];
  declare problem: Problem | null;
  declare busy: boolean;
  private loads = 0;

  constructor() {
    super();
    this.agentId = "";
    this.rows = [];
    this.offset = 0;
    this.hasMore = false;
    this.loading = true;
    this.error = "";
    this.people = [];
    this.problem = null;
    this.busy = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void this.loadPeople();
  }

  async load(): Promise<void> {
    const seq = ++this.loads;
    this.loading = true;
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/agents/{agent_id}/users", {
        params: { path: { agent_id: this.agentId }, query: { limit: PAGE, offset: this.offset } },
      });
      if (seq !== this.loads) return;
      if (data) {
        this.rows = data.users;
        this.hasMore = data.pagination.hasMore;
      } else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = UNREACHABLE;
    } finally {
      if (seq === this.loads) this.loading = false;
    }
  }

  private async loadPeople(): Promise<void> {
    const { data } = await api.GET("/api/v2/admin/users", { params: { query: { status: "active", limit: PEOPLE } } }).catch(() => ({ data: undefined }));
    this.people = data?.adminUsers ?? [];
  }

  private async add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const userId = new FormData(e.target as HTMLFormElement).get("userId") as string;
    if (!userId) {
      this.problem = { status: 422, title: "Choose someone", errors: [{ field: "userId", message: "Choose a person to add" }] };
      return;
    }
    this.busy = true;
    try {
      const { data, error, response } = await api.POST("/api/v2/admin/agents/{agent_id}/users", {
        params: { path: { agent_id: this.agentId } },
        body: { userId },
      });
      if (!data) {
        this.problem = await problemOf(response, error);
        return;
      }
      this.problem = null;
      toast(`${data.user.displayName || data.user.email} may use this agent`, "success");
      await this.load();
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private async withdraw(u: AgentUser): Promise<void> {
    try {
      const { error, response } = await api.DELETE("/api/v2/admin/agents/{agent_id}/users", {
        params: { path: { agent_id: this.agentId }, query: { userId: u.id } },
      });
      if (!response.ok) {
        toast(describe(await problemOf(response, error)), "error");
        return;
      }
      toast(`${u.displayName || u.email} may no longer use this agent`, "success");
      await this.load();
    } catch {
      toast(UNREACHABLE, "error");
    }
  }

  private columns(): Column<AgentUser>[] {
    return [
      { label: "Name", cell: (u) => u.displayName || u.email },
      { label: "Email", cell: (u) => u.email },
      { label: "Role", cell: (u) => u.role },
      { label: "Given access", cell: (u) => formatDateTime(u.grantedAt) },
      {
        label: "Access",
        cell: (u) => html`<button type="button" aria-label=${`Remove ${u.email}`} @click=${() => void this.withdraw(u)}>Remove</button>`,
      },
    ];
  }

  render() {
    const listed = new Set(this.rows.map((r) => r.id));
    const candidates = this.people.filter((p) => !listed.has(p.id));
    const error = this.problem?.errors?.[0]?.message;
    return html`<section class="card" aria-labelledby="agent-users-heading">
      <h2 id="agent-users-heading">Who may use this agent</h2>
      <form class="toolbar" @submit=${this.add} novalidate>
        ${this.problem && !error ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : nothing}
        <div class="field">
          <label for="agent-user">Person</label>
          <select id="agent-user" name="userId" aria-invalid=${error ? "true" : "false"} aria-describedby=${error ? "agent-user-error" : nothing}>
            <option value="">Choose a person</option>
            ${candidates.map((p) => html`<option value=${p.id}>${p.displayName || p.email} (${p.role})</option>`)}
          </select>
          ${error ? html`<span class="error" id="agent-user-error">${error}</span>` : nothing}
        </div>
        <button class="primary" type="submit" ?disabled=${this.busy}>Add</button>
      </form>
      <radiant-data-table
        caption="People who may use this agent"
        .columns=${this.columns()}
        .rows=${this.rows}
        .loading=${this.loading}
        .error=${this.error}
        .canPrevious=${this.offset > 0}
        .canNext=${this.hasMore}
        emptyHeading="Nobody has been given access"
        emptyMessage="Add a person above (a tenant-wide agent is open to everyone anyway)."
        @radiant-page=${(e: CustomEvent<{ direction: PageDirection }>) => {
          this.offset = Math.max(0, this.offset + (e.detail.direction === "next" ? PAGE : -PAGE));
          void this.load();
        }}
        @radiant-retry=${() => void this.load()}
      ></radiant-data-table>
    </section>`;
  }
}
customElements.define("saas-agent-users", SaasAgentUsers);
