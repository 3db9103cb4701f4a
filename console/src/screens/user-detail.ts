import { LitElement, html } from "lit";
import { api, type Schemas } from "../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../api/problem";
import { field, formValues } from "../components/form";
import { base } from "../components/styles";
import { toast } from "../components/toasts";
import { BASE, formatDateTime, navigate } from "../router";
import "../components/states";

// Seed 004's user detail (`saas-user-detail`): one person, and their role. In production a
// privileged grant is not applied at once: identity files a user_role_change approval that another
// administrator decides, and the page says the change is waiting (from the answer, and from the
// pending approvals on later visits).
type User = Schemas["AdminOut"];
type Role = NonNullable<Schemas["UpdateAdminRequest"]["role"]>;
const ROLES: Array<[Role, string]> = [
  ["member", "Member"],
  ["auditor", "Auditor"],
  ["operator", "Operator"],
  ["admin", "Admin"],
  ["super_admin", "Super admin"],
];

export class SaasUserDetail extends LitElement {
  static properties = {
    userId: {},
    user: { state: true },
    error: { state: true },
    problem: { state: true },
    busy: { state: true },
    waiting: { state: true },
  };
  static styles = [base];
  declare userId: string;
  declare user: User | null;
  declare error: string;
  declare problem: Problem | null;
  declare busy: boolean;
  /** The id of the approval a change of this user waits for, if any. */
  declare waiting: string | null;

  constructor() {
    super();
    this.userId = "";
    this.user = null;
    this.error = "";
    this.problem = null;
    this.busy = false;
    this.waiting = null;
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("userId") && this.userId) void this.load(); // another user's page in the same element
  }

  async load(): Promise<void> {
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/users/{admin_id}", {
        params: { path: { admin_id: this.userId } },
      });
      if (data) this.user = data.adminUser;
      else this.error = describe(await problemOf(response, error));
      if (data && data.adminUser.status !== "pending") await this.findWaitingChange();
    } catch {
      this.error = "The console could not reach the API.";
    }
  }

  /** A pending user_role_change approval for this user (the newest page of pending requests). */
  private async findWaitingChange(): Promise<void> {
    const { data } = await api.GET("/api/v2/admin/approvals", { params: { query: { status: "pending", limit: 200 } } });
    const pending = data?.approvals.find((a) => a.type === "user_role_change" && a.resourceId === this.userId);
    this.waiting = pending?.id ?? null;
  }

  private async changeRole(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const role = formValues(e.target as HTMLFormElement).role as Role;
    this.busy = true;
    try {
      const { data, error, response } = await api.PUT("/api/v2/admin/users/{admin_id}", {
        params: { path: { admin_id: this.userId } },
        body: { role },
      });
      if (!data) {
        this.problem = await problemOf(response, error);
        return;
      }
      this.problem = null;
      this.user = data.adminUser;
      if (data.pendingApproval) {
        this.waiting = data.pendingApproval.id;
        toast("The role change is waiting for another administrator's approval", "info");
      } else toast(`Role changed to ${role}`, "success");
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private renderRole(u: User) {
    if (u.status === "pending")
      return html`<p class="muted">Invited as ${u.role}; the role can be changed once they have accepted.</p>`;
    if (this.waiting)
      return html`<p role="status"><span class="badge warn">Waiting for approval</span>
        A change of this user's role waits for another administrator (request <span class="mono">${this.waiting}</span>).</p>`;
    const errors = fieldErrors(this.problem);
    return html`<form class="toolbar" @submit=${this.changeRole} novalidate>
      ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
      ${field("detail", { label: "Role", name: "role", value: u.role, options: ROLES, error: errors.role })}
      <button class="primary" type="submit" ?disabled=${this.busy}>Change role</button>
    </form>`;
  }

  render() {
    const back = html`<p><a href=${`${BASE}/members`} @click=${(e: MouseEvent) => { e.preventDefault(); navigate("/members"); }}>← Members</a></p>`;
    if (this.error) return html`${back}<radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const u = this.user;
    if (!u) return html`${back}<p role="status">Loading…</p>`;
    return html`${back}
      <h1>${u.displayName || u.email}</h1>
      <section class="card">
        <dl>
          <dt>Email</dt><dd>${u.email}</dd>
          <dt>Role</dt><dd data-testid="user-role">${u.role}</dd>
          <dt>Status</dt><dd>${u.status}</dd>
          <dt>Environment</dt><dd>${u.environment}</dd>
          <dt>MFA</dt><dd>${u.mfaEnabled ? `On (${u.mfaMethod ?? "authenticator"})` : "Off"}</dd>
          <dt>Last sign-in</dt><dd>${formatDateTime(u.lastLoginAt)}</dd>
          <dt>Member since</dt><dd>${formatDateTime(u.createdAt)}</dd>
        </dl>
        <h2>Role</h2>
        ${this.renderRole(u)}
      </section>`;
  }
}
customElements.define("saas-user-detail", SaasUserDetail);
