import { LitElement, css, html, nothing } from "lit";
import { diffLines } from "diff";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf, type Problem } from "../../api/problem";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import { BASE, formatDateTime, navigate } from "../../router";
import { activeModels, configErrors, configFields, configFrom } from "./agent-form";
import { changeState, statusBadge } from "./agents";
import { UNREACHABLE, follow } from "./shared";
import "../../components/states";
import "./agent-users";

// Seed 004's agent configuration page (`saas-agent-config`, /console/agents/{id}): the agent's state
// with start/stop, its configuration to edit (a save that changes anything is a new version), the
// version history newest first, and the difference between any two versions (jsdiff over each
// version's configuration), then who may use the agent (`saas-agent-users`).
type Agent = Schemas["AgentOut"];
type Version = Schemas["AgentVersionOut"];
type Model = Schemas["ModelOut"];
const VERSIONS_PAGE = 20;

/** A configuration as the diff compares it: one field a line (or a few, for long text), keys sorted. */
function comparable(v: Version): string {
  const c = v.configuration as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.keys(c).sort().map((k) => [k, c[k]])), null, 2) + "\n";
}

export class SaasAgentConfig extends LitElement {
  static properties = {
    agentId: {},
    agent: { state: true },
    error: { state: true },
    problem: { state: true },
    busy: { state: true },
    models: { state: true },
    versions: { state: true },
    versionsOffset: { state: true },
    versionsMore: { state: true },
    versionsError: { state: true },
    from: { state: true },
    to: { state: true },
  };
  static styles = [
    base,
    css`
      .head { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
      .columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
      @media (max-width: 64rem) { .columns { grid-template-columns: minmax(0, 1fr); } }
      section { margin-bottom: 1.5rem; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.4rem 0.5rem; border-top: 1px solid var(--radiant-border); vertical-align: top; }
      pre.diff { background: #fff; border: 1px solid var(--radiant-border); border-radius: 6px; padding: 0.5rem; overflow-x: auto;
        font-size: 0.85rem; margin: 0; }
      .diff .added { background: #dcfce7; color: #14532d; display: block; }
      .diff .removed { background: #fee2e2; color: #7f1d1d; display: block; }
      .diff .same { color: #334155; display: block; }
      a { color: var(--radiant-accent); }
    `,
  ];
  declare agentId: string;
  declare agent: Agent | null;
  declare error: string;
  declare problem: Problem | null;
  declare busy: boolean;
  declare models: Model[] | null;
  declare versions: Version[];
  declare versionsOffset: number;
  declare versionsMore: boolean;
  declare versionsError: string;
  declare from: number;
  declare to: number;

  constructor() {
    super();
    this.agentId = "";
    this.agent = null;
    this.error = "";
    this.problem = null;
    this.busy = false;
    this.models = null;
    this.versions = [];
    this.versionsOffset = 0;
    this.versionsMore = false;
    this.versionsError = "";
    this.from = 0;
    this.to = 0;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void activeModels().then((m) => (this.models = m));
  }

  /** Another agent's page in the same element (a link from one agent to another): its data. */
  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("agentId") && changed.get("agentId")) {
      this.agent = null;
      this.versions = [];
      this.versionsOffset = 0;
      void this.load();
    }
  }

  async load(): Promise<void> {
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/agents/{agent_id}", { params: { path: { agent_id: this.agentId } } });
      if (!data) {
        this.error = describe(await problemOf(response, error));
        return;
      }
      this.agent = data.agent;
      await this.loadVersions();
    } catch {
      this.error = UNREACHABLE;
    }
  }

  private async loadVersions(): Promise<void> {
    this.versionsError = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/agents/{agent_id}/versions", {
        params: { path: { agent_id: this.agentId }, query: { limit: VERSIONS_PAGE, offset: this.versionsOffset } },
      });
      if (!data) {
        this.versionsError = describe(await problemOf(response, error));
        return;
      }
      this.versions = data.versions;
      this.versionsMore = data.pagination.hasMore;
      // compare the newest version with the one before it, unless the person chose others on this page
      const shown = new Set(data.versions.map((v) => v.version));
      if (!shown.has(this.to) || !shown.has(this.from)) {
        this.to = data.versions[0]?.version ?? 0;
        this.from = data.versions[1]?.version ?? this.to;
      }
    } catch {
      this.versionsError = UNREACHABLE;
    }
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (!this.agent) return;
    this.busy = true;
    try {
      const before = this.agent.version;
      const { data, error, response } = await api.PUT("/api/v2/admin/agents/{agent_id}", {
        params: { path: { agent_id: this.agentId } },
        body: configFrom(e.target as HTMLFormElement),
      });
      if (!data) {
        this.problem = await problemOf(response, error);
        return;
      }
      this.problem = null;
      this.agent = data.agent;
      toast(data.agent.version === before ? "Nothing changed" : `Saved as version ${data.agent.version}`, "success");
      this.versionsOffset = 0;
      this.to = 0;
      await this.loadVersions();
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private async change(to: "start" | "stop"): Promise<void> {
    if (!this.agent) return;
    const updated = await changeState(this.agent, to);
    if (updated) this.agent = updated;
  }

  private async deleteAgent(): Promise<void> {
    if (!this.agent || !window.confirm(`Delete the agent ${this.agent.name}? A running agent is stopped first.`)) return;
    const { data, error, response } = await api.DELETE("/api/v2/admin/agents/{agent_id}", { params: { path: { agent_id: this.agentId } } });
    if (!data) {
      toast(describe(await problemOf(response, error)), "error");
      return;
    }
    toast(`Agent ${this.agent.name} deleted`, "success");
    navigate("/agents");
  }

  private diff() {
    const a = this.versions.find((v) => v.version === this.from);
    const b = this.versions.find((v) => v.version === this.to);
    if (!a || !b) return nothing;
    if (a.version === b.version) return html`<p class="muted">Choose two different versions to compare.</p>`;
    const parts = diffLines(comparable(a), comparable(b));
    return html`<pre class="diff" data-testid="version-diff" aria-label=${`Changes from version ${a.version} to version ${b.version}`}>${parts.map((p) =>
      p.value
        .replace(/\n$/, "")
        .split("\n")
        .map((line) =>
          p.added
            ? html`<span class="added"><span class="visually-hidden">added </span>+ ${line}</span>`
            : p.removed
              ? html`<span class="removed"><span class="visually-hidden">removed </span>- ${line}</span>`
              : html`<span class="same">  ${line}</span>`,
        ),
    )}</pre>`;
  }

  private history() {
    if (this.versionsError)
      return html`<radiant-error-state .message=${this.versionsError} @radiant-retry=${() => void this.loadVersions()}></radiant-error-state>`;
    if (this.versions.length === 0) return html`<radiant-empty-state heading="No versions yet"></radiant-empty-state>`;
    const options = this.versions.map((v) => v.version);
    const pick = (name: "from" | "to", label: string) => html`<div class="field">
      <label for=${`diff-${name}`}>${label}</label>
      <select id=${`diff-${name}`} @change=${(e: Event) => (this[name] = Number((e.target as HTMLSelectElement).value))}>
        ${options.map((n) => html`<option value=${n} ?selected=${n === this[name]}>Version ${n}</option>`)}
      </select></div>`;
    return html`<table>
        <caption class="visually-hidden">Configuration versions, newest first</caption>
        <thead><tr><th scope="col">Version</th><th scope="col">Changed</th><th scope="col">By</th><th scope="col">When</th></tr></thead>
        <tbody>${this.versions.map(
          (v) => html`<tr><td>${v.version}</td><td>${Object.keys(v.changes ?? {}).join(", ") || "created"}</td>
            <td>${v.createdBy.name ?? "—"}</td><td>${formatDateTime(v.createdAt)}</td></tr>`,
        )}</tbody>
      </table>
      <div class="actions">
        <button type="button" ?disabled=${this.versionsOffset === 0} @click=${() => { this.versionsOffset = Math.max(0, this.versionsOffset - VERSIONS_PAGE); void this.loadVersions(); }}>Newer</button>
        <button type="button" ?disabled=${!this.versionsMore} @click=${() => { this.versionsOffset += VERSIONS_PAGE; void this.loadVersions(); }}>Older</button>
      </div>
      <h3>Compare versions</h3>
      <div class="toolbar">${pick("from", "From")}${pick("to", "To")}</div>
      ${this.diff()}`;
  }

  render() {
    const back = html`<p><a href=${`${BASE}/agents`} @click=${(e: MouseEvent) => follow(e, "/agents")}>← All agents</a></p>`;
    if (this.error)
      return html`${back}<h1>Agent</h1><radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const a = this.agent;
    if (!a) return html`${back}<h1>Agent</h1><p role="status">Loading…</p>`;
    const running = a.desiredState === "running";
    const errors = configErrors(this.problem);
    return html`${back}
      <div class="head"><h1>${a.name}</h1><p>${statusBadge(a)}</p></div>
      <p class="muted">Version ${a.version}${a.runningVersion !== null ? ` · running version ${a.runningVersion}` : ""} · created by
        ${a.createdBy.name ?? "—"} ${formatDateTime(a.createdAt)}${a.statusReason ? ` · ${a.statusReason}` : ""}</p>
      <div class="actions">
        <button type="button" ?disabled=${running} @click=${() => void this.change("start")}>Start</button>
        <button type="button" ?disabled=${!running} @click=${() => void this.change("stop")}>Stop</button>
        <button type="button" class="danger" @click=${() => void this.deleteAgent()}>Delete</button>
      </div>
      <div class="columns">
        <section class="card" aria-labelledby="config-heading">
          <h2 id="config-heading">Configuration</h2>
          <form @submit=${this.save} novalidate>
            ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : nothing}
            ${configFields("agent-config", a, this.models, errors, true)}
            <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>Save configuration</button></div>
          </form>
        </section>
        <section class="card" aria-labelledby="versions-heading">
          <h2 id="versions-heading">Version history</h2>
          ${this.history()}
        </section>
      </div>
      <saas-agent-users .agentId=${this.agentId}></saas-agent-users>`;
  }
}
customElements.define("saas-agent-config", SaasAgentConfig);
