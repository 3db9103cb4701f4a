import { LitElement, css, html, nothing } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf } from "../../api/problem";
import { field } from "../../components/form";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import { BASE, formatDateTime } from "../../router";
import { UNREACHABLE, follow, tone, words } from "./shared";
import "../../components/states";
import "./agent-create";

// Seed 004's agent grid (`saas-agents`): the tenant's agents as cards with their live status — what
// the runtime last reported, read again every few seconds while the screen is open — filtered by
// status and name, a page at a time, with start and stop, and the create modal.
type Agent = Schemas["AgentOut"];
type Status = Agent["status"];
const PAGE = 24;
/** How often the grid asks for the runtime's latest reports while it is shown. */
export const STATUS_POLL_MS = 5_000;
const STATUSES: Array<[string, string]> = [
  ["", "Any status"],
  ["running", "Running"],
  ["starting", "Starting"],
  ["stopping", "Stopping"],
  ["stopped", "Stopped"],
  ["failed", "Failed"],
];

export function statusBadge(a: Agent) {
  return html`<span class="badge ${tone(a.status)}" data-testid="agent-status">${words(a.status)}</span>
    ${a.pendingApprovalId ? html` <span class="badge warn">waiting for approval</span>` : nothing}`;
}

/** Start or stop; the answer's message (a start waiting for approval in prod) goes to a toast. */
export async function changeState(agent: Agent, to: "start" | "stop"): Promise<Agent | null> {
  const path = to === "start" ? "/api/v2/admin/agents/{agent_id}/start" : "/api/v2/admin/agents/{agent_id}/stop";
  try {
    const { data, error, response } = await api.POST(path, { params: { path: { agent_id: agent.id } } });
    if (!data) {
      toast(describe(await problemOf(response, error)), "error");
      return null;
    }
    toast(data.pendingApproval ? `${data.message} (waiting for approval)` : data.message, data.pendingApproval ? "info" : "success");
    return data.agent;
  } catch {
    toast(UNREACHABLE, "error");
    return null;
  }
}

export class SaasAgents extends LitElement {
  static properties = {
    agents: { state: true },
    offset: { state: true },
    hasMore: { state: true },
    loading: { state: true },
    error: { state: true },
    status: { state: true },
    query: { state: true },
    creating: { state: true },
    checkedAt: { state: true },
  };
  static styles = [
    base,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; list-style: none; padding: 0; margin: 0; }
      .grid li { display: flex; flex-direction: column; gap: 0.4rem; }
      .grid h2 { margin: 0; font-size: 1.05rem; }
      .grid a { color: var(--radiant-accent); }
      .grid p { margin: 0; }
      .pager { display: flex; justify-content: flex-end; gap: 0.5rem; margin-top: 0.75rem; }
    `,
  ];
  private loads = 0;
  private timer: number | undefined;
  declare agents: Agent[];
  declare offset: number;
  declare hasMore: boolean;
  declare loading: boolean;
  declare error: string;
  declare status: string;
  declare query: string;
  declare creating: boolean;
  declare checkedAt: string;

  constructor() {
    super();
    this.agents = [];
    this.offset = 0;
    this.hasMore = false;
    this.loading = true;
    this.error = "";
    this.status = "";
    this.query = "";
    this.creating = false;
    this.checkedAt = "";
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    // live status: the grid reads the page again quietly (no loading state) while it is open
    this.timer = window.setInterval(() => {
      if (!document.hidden && !this.loading) void this.load(true);
    }, STATUS_POLL_MS);
  }

  disconnectedCallback(): void {
    window.clearInterval(this.timer);
    super.disconnectedCallback();
  }

  async load(quiet = false): Promise<void> {
    const seq = ++this.loads;
    if (!quiet) {
      this.loading = true;
      this.error = "";
    }
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/agents", {
        params: {
          query: { limit: PAGE, offset: this.offset, sort: "name", status: (this.status || undefined) as Status | undefined, q: this.query || undefined },
        },
      });
      if (seq !== this.loads) return;
      if (data) {
        this.agents = data.agents;
        this.hasMore = data.pagination.hasMore;
        this.error = "";
        this.checkedAt = new Date().toISOString();
      } else if (!quiet) this.error = describe(await problemOf(response, error));
    } catch {
      if (!quiet && seq === this.loads) this.error = UNREACHABLE;
    } finally {
      if (seq === this.loads) this.loading = false;
    }
  }

  private filter(e: Event): void {
    const control = e.target as HTMLInputElement | HTMLSelectElement;
    if (control.name === "status") this.status = control.value;
    else if (control.name === "q") this.query = control.value.trim();
    else return;
    this.offset = 0;
    void this.load();
  }

  private async change(agent: Agent, to: "start" | "stop"): Promise<void> {
    const updated = await changeState(agent, to);
    if (updated) this.agents = this.agents.map((a) => (a.id === updated.id ? updated : a));
  }

  private card(a: Agent) {
    const running = a.desiredState === "running";
    return html`<li class="card" data-testid="agent-card">
      <h2><a href=${`${BASE}/agents/${a.id}`} @click=${(e: MouseEvent) => follow(e, `/agents/${a.id}`)}>${a.name}</a></h2>
      <p>${statusBadge(a)}</p>
      ${a.statusReason ? html`<p class="muted">${a.statusReason}</p>` : nothing}
      <p class="muted">${a.modelId} · version ${a.version}${a.runningVersion !== null ? ` (running ${a.runningVersion})` : ""} · ${a.visibility}</p>
      <p class="muted">Reported ${formatDateTime(a.statusReportedAt)}</p>
      <div class="actions">
        <button type="button" ?disabled=${running} @click=${() => void this.change(a, "start")} aria-label=${`Start ${a.name}`}>Start</button>
        <button type="button" ?disabled=${!running} @click=${() => void this.change(a, "stop")} aria-label=${`Stop ${a.name}`}>Stop</button>
      </div>
    </li>`;
  }

  private list() {
    if (this.error) return html`<radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    if (this.loading && this.agents.length === 0) return html`<p role="status">Loading…</p>`;
    if (this.agents.length === 0 && this.offset === 0)
      return html`<radiant-empty-state heading=${this.status || this.query ? "No agents match" : "No agents yet"}
        message=${this.status || this.query ? "Change the filters." : "Create the tenant's first agent."}></radiant-empty-state>`;
    return html`<ul class="grid" aria-label="Agents" aria-busy=${this.loading ? "true" : "false"}>${this.agents.map((a) => this.card(a))}</ul>
      <nav class="pager" aria-label="Pages">
        <button type="button" ?disabled=${this.offset === 0 || this.loading} @click=${() => { this.offset = Math.max(0, this.offset - PAGE); void this.load(); }}>Previous</button>
        <button type="button" ?disabled=${!this.hasMore || this.loading} @click=${() => { this.offset += PAGE; void this.load(); }}>Next</button>
      </nav>`;
  }

  render() {
    return html`
      <h1>Agents</h1>
      <div class="toolbar" @change=${this.filter}>
        ${field("agents", { label: "Status", name: "status", value: this.status, options: STATUSES })}
        ${field("agents", { label: "Name contains", name: "q", type: "search", value: this.query, maxlength: 100 })}
        <button class="primary" type="button" @click=${() => (this.creating = true)}>Create an agent</button>
      </div>
      ${this.list()}
      ${this.checkedAt ? html`<p class="muted">Status as of ${formatDateTime(this.checkedAt)}; refreshed every ${STATUS_POLL_MS / 1000} s.</p>` : nothing}
      <saas-agent-create .open=${this.creating} @radiant-close=${() => (this.creating = false)}></saas-agent-create>
    `;
  }
}
customElements.define("saas-agents", SaasAgents);
