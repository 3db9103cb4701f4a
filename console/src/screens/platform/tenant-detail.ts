import { LitElement, css, html, nothing } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../../api/problem";
import { session } from "../../auth/session";
import { field, formValues } from "../../components/form";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import { formatDateTime } from "../../preferences";
import { navigate } from "../../router";
import { PLATFORM, UNREACHABLE, count, link, markReady, statusBadge } from "./shared";
import "../../components/modal";
import "../../components/states";

// Seed 004's tenant detail (`saas-tenant-detail`): the tenant, its administrators, status history and
// live impersonations; suspend, reactivate and delete, each with a reason (a prod tenant's deletion
// waits for another operator's approval: the page says so and links to the request); impersonate,
// which opens the tenant console on the impersonation token, with its banner and "End".
type Tenant = Schemas["TenantDetail"];
type Action = "suspend" | "reactivate" | "delete" | "impersonate";

const ACTIONS: Record<Action, { heading: string; button: string; danger: boolean }> = {
  suspend: { heading: "Suspend this tenant", button: "Suspend", danger: true },
  reactivate: { heading: "Reactivate this tenant", button: "Reactivate", danger: false },
  delete: { heading: "Delete this tenant", button: "Delete", danger: true },
  impersonate: { heading: "Impersonate this tenant", button: "Start impersonating", danger: false },
};

export class SaasTenantDetail extends LitElement {
  static properties = {
    tenantId: {},
    tenant: { state: true },
    error: { state: true },
    action: { state: true },
    problem: { state: true },
    busy: { state: true },
    waitingApproval: { state: true },
  };
  static styles = [
    base,
    css`
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0; }
      dd { margin: 0; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 1rem; margin: 1rem 0; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.35rem 0.5rem; border-top: 1px solid var(--radiant-border); vertical-align: top; }
      .spaced { margin-top: 1rem; }
      .notice { border-left: 4px solid var(--radiant-warning); padding: 0.5rem 1rem; background: #fffbeb; margin: 1rem 0; }
    `,
  ];
  declare tenantId: string;
  declare tenant: Tenant | null;
  declare error: string;
  declare action: Action | null;
  declare problem: Problem | null;
  declare busy: boolean;
  declare waitingApproval: string;

  constructor() {
    super();
    this.tenantId = "";
    this.tenant = null;
    this.error = "";
    this.action = null;
    this.problem = null;
    this.busy = false;
    this.waitingApproval = "";
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("tenantId") && this.tenantId) void this.load();
  }

  protected updated(changed: Map<string, unknown>): void {
    if (changed.has("tenant") && this.tenant && changed.get("tenant") === null) markReady("tenant-detail");
  }

  async load(): Promise<void> {
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/saas/tenants/{tenant_id}", { params: { path: { tenant_id: this.tenantId } } });
      if (data) this.tenant = data.tenant;
      else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = UNREACHABLE;
    }
  }

  private open(action: Action): void {
    this.action = action;
    this.problem = null;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const action = this.action;
    if (!action) return;
    const v = formValues(e.target as HTMLFormElement);
    const path = { params: { path: { tenant_id: this.tenantId } } };
    const reason = v.reason ?? "";
    this.busy = true;
    try {
      if (action === "impersonate") {
        await this.impersonate(reason, Number(v.durationMinutes ?? "15"), v.write === "on");
        return;
      }
      const call =
        action === "suspend"
          ? api.POST("/api/v2/saas/tenants/{tenant_id}/suspend", { ...path, body: { reason } })
          : action === "reactivate"
            ? api.POST("/api/v2/saas/tenants/{tenant_id}/reactivate", { ...path, body: { reason } })
            : api.DELETE("/api/v2/saas/tenants/{tenant_id}", { ...path, body: { reason } });
      const { data, error, response } = await call;
      if (!data) {
        this.problem = await problemOf(response, error);
        const pending = (this.problem as { approvalId?: string }).approvalId;
        if (response.status === 409 && pending) this.waitingApproval = pending;
        return;
      }
      const deletion = data as Partial<Schemas["TenantDeletionOut"]>;
      if (deletion.approval && deletion.deleted === false) {
        this.waitingApproval = deletion.approval.id;
        toast("The deletion is waiting for another operator's approval", "info");
      } else toast(action === "suspend" ? "Tenant suspended" : action === "reactivate" ? "Tenant reactivated" : "Tenant deleted", "success");
      this.action = null;
      await this.load();
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private async impersonate(reason: string, durationMinutes: number, write: boolean): Promise<void> {
    const t = this.tenant;
    if (!t) return;
    const { data, error, response } = await api.POST("/api/v2/saas/tenants/{tenant_id}/impersonate", {
      params: { path: { tenant_id: this.tenantId } },
      body: { reason, durationMinutes, write },
    });
    if (!data) {
      this.problem = await problemOf(response, error);
      return;
    }
    this.action = null;
    session.impersonate(data.accessToken, data.expiresIn, {
      tenantId: t.id,
      tenantName: t.name,
      environment: t.environment,
      sessionId: data.session.id,
      readOnly: data.session.readOnly,
    });
    navigate("/dashboard");
  }

  private dialog() {
    const action = this.action;
    if (!action) return nothing;
    const a = ACTIONS[action];
    const errors = fieldErrors(this.problem);
    const prodDelete = action === "delete" && this.tenant?.environment === "prod";
    return html`<radiant-modal heading=${a.heading} .open=${true} @radiant-close=${() => (this.action = null)}>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${action === "suspend" ? html`<p>Its administrators' sessions end at once and its tokens are refused until it is reactivated.</p>` : ""}
        ${action === "delete"
          ? html`<p>${prodDelete ? "A production tenant is deleted only once another operator approves." : "The tenant stops at once; its data is purged after the retention window (the audit log is kept)."}</p>`
          : ""}
        ${field("tenant-action", { label: "Reason", name: "reason", required: true, maxlength: 1000, error: errors.reason, hint: "Recorded in the audit log." })}
        ${action === "impersonate"
          ? html`${field("tenant-action", { label: "Duration (minutes)", name: "durationMinutes", type: "number", value: "15", required: true, error: errors.durationMinutes, hint: "At most 60." })}
              <div class="field"><label><input type="checkbox" name="write" ?disabled=${!this.tenant?.settings.allowWriteImpersonation} /> With write access</label>
                <span class="hint">Read-only unless chosen${this.tenant?.settings.allowWriteImpersonation ? "" : "; this tenant allows read-only only"}.</span></div>`
          : ""}
        <div class="actions"><button class=${a.danger ? "danger" : "primary"} type="submit" ?disabled=${this.busy}>${a.button}</button></div>
      </form>
    </radiant-modal>`;
  }

  render() {
    const back = html`<p>${link(`${PLATFORM}/tenants`, "← Tenants")}</p>`;
    if (this.error) return html`${back}<radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const t = this.tenant;
    if (!t) return html`${back}<p role="status">Loading…</p>`;
    const admins = t.administrators;
    return html`${back}
      <h1>${t.name} ${statusBadge(t.status, "tenant-status")}</h1>
      ${this.waitingApproval
        ? html`<p class="notice" role="status" data-testid="waiting-approval">Waiting for approval: the deletion is decided by another operator —
            ${link(`${PLATFORM}/approvals/${this.waitingApproval}`, "the request")}.</p>`
        : ""}
      <div class="actions">
        ${t.status === "active" ? html`<button class="danger" type="button" @click=${() => this.open("suspend")}>Suspend</button>` : ""}
        ${t.status === "suspended" ? html`<button class="primary" type="button" @click=${() => this.open("reactivate")}>Reactivate</button>` : ""}
        ${t.status !== "deleted" ? html`<button type="button" @click=${() => this.open("delete")}>Delete</button>` : ""}
        ${t.status === "active" ? html`<button type="button" @click=${() => this.open("impersonate")}>Impersonate</button>` : ""}
      </div>
      <div class="grid">
        <section class="card" aria-labelledby="facts-h">
          <h2 id="facts-h">Tenant</h2>
          <dl>
            <dt>Id</dt><dd><code>${t.id}</code></dd>
            <dt>Environment</dt><dd>${t.environment}</dd>
            <dt>App</dt><dd>${t.appId}</dd>
            <dt>Created</dt><dd>${formatDateTime(t.createdAt)}</dd>
            <dt>Status since</dt><dd>${formatDateTime(t.statusChangedAt)}</dd>
            <dt>Write impersonation</dt><dd>${t.settings.allowWriteImpersonation ? "Allowed" : "Read-only only"}</dd>
            ${Object.entries(t.settings.labels ?? {}).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}
          </dl>
        </section>
        <section class="card" aria-labelledby="admins-h">
          <h2 id="admins-h">Administrators</h2>
          <dl>
            <dt>Total</dt><dd>${count(admins.total)}</dd>
            ${Object.entries(admins.byRole).map(([k, n]) => html`<dt>${k.replace(/_/g, " ")}</dt><dd>${count(n)}</dd>`)}
            <dt>Pending invitations</dt><dd>${count(admins.pendingInvitations)}</dd>
            <dt>Last sign-in</dt><dd>${formatDateTime(admins.lastLoginAt)}</dd>
          </dl>
        </section>
      </div>
      <section class="card" aria-labelledby="history-h">
        <h2 id="history-h">Status history</h2>
        ${t.statusHistory.length
          ? html`<table data-testid="status-history">
              <thead><tr><th scope="col">When</th><th scope="col">Change</th><th scope="col">Reason</th><th scope="col">By</th></tr></thead>
              <tbody>${t.statusHistory.map((c) => html`<tr><td>${formatDateTime(c.changedAt)}</td><td>${c.fromStatus ?? "—"} → ${c.toStatus}</td>
                <td>${c.reason ?? "—"}</td><td>${c.changedByName ?? c.changedBy ?? "—"}</td></tr>`)}</tbody>
            </table>`
          : html`<radiant-empty-state heading="No status changes" message="The tenant has kept its first status."></radiant-empty-state>`}
      </section>
      <section class="card spaced" aria-labelledby="imp-h">
        <h2 id="imp-h">Live impersonations</h2>
        ${t.activeImpersonations.length
          ? html`<table>
              <thead><tr><th scope="col">Operator</th><th scope="col">Reason</th><th scope="col">Access</th><th scope="col">Until</th></tr></thead>
              <tbody>${t.activeImpersonations.map((s) => html`<tr><td>${s.operatorName ?? s.operatorEmail ?? s.operatorId}</td><td>${s.reason}</td>
                <td>${s.readOnly ? "Read-only" : "Write"}</td><td>${formatDateTime(s.expiresAt)}</td></tr>`)}</tbody>
            </table>`
          : html`<radiant-empty-state heading="No one is impersonating this tenant"></radiant-empty-state>`}
      </section>
      ${this.dialog()}`;
  }
}
customElements.define("saas-tenant-detail", SaasTenantDetail);
