import { LitElement, html } from "lit";
import { api, type Schemas } from "../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../api/problem";
import { field, formValues } from "../components/form";
import { base } from "../components/styles";
import { toast } from "../components/toasts";
import type { RadiantQuotaWarning } from "../components/quota-warning";
import "../components/modal";
import "../components/quota-warning";

type Role = Schemas["CreateInvitationRequest"]["role"];

// Seed 004's invite modal (`saas-user-invite`): one invitation by email and role. A privileged
// invitation in production waits for a second administrator's approval; the toast says so.
const ROLES: Array<[string, string]> = [
  ["member", "Member"],
  ["auditor", "Auditor"],
  ["operator", "Operator"],
  ["admin", "Admin"],
  ["super_admin", "Super admin"],
];

export class SaasUserInvite extends LitElement {
  static properties = { open: { type: Boolean }, problem: { state: true }, busy: { state: true } };
  static styles = [base];
  declare open: boolean;
  declare problem: Problem | null;
  declare busy: boolean;

  constructor() {
    super();
    this.open = false;
    this.problem = null;
    this.busy = false;
  }

  /** The members quota is read again each time the modal opens (someone may have been invited since). */
  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("open") && this.open)
      void (this.renderRoot.querySelector("radiant-quota-warning") as RadiantQuotaWarning | null)?.refresh();
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    this.busy = true;
    try {
      const { data, error, response } = await api.POST("/api/v2/admin/users/invite", {
        body: { email: v.email ?? "", role: (v.role ?? "member") as Role, ...(v.message ? { message: v.message } : {}) },
      });
      if (!data) {
        this.problem = await problemOf(response, error);
        return;
      }
      this.problem = null;
      form.reset();
      toast("pendingApproval" in data ? `Invitation for ${v.email} is waiting for approval` : `Invitation sent to ${v.email}`, "success");
      this.dispatchEvent(new CustomEvent("radiant-invited", { bubbles: true, composed: true }));
      this.open = false;
      this.dispatchEvent(new CustomEvent("radiant-close", { bubbles: true, composed: true }));
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  render() {
    const errors = fieldErrors(this.problem);
    return html`<radiant-modal heading="Invite a user" .open=${this.open}
      @radiant-close=${(e: Event) => { if (e.target !== this) { e.stopPropagation(); this.open = false; this.problem = null; this.dispatchEvent(new CustomEvent("radiant-close", { bubbles: true, composed: true })); } }}>
      <radiant-quota-warning resource="users"></radiant-quota-warning>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${field("invite", { label: "Email", name: "email", type: "email", required: true, autocomplete: "off", error: errors.email })}
        ${field("invite", { label: "Role", name: "role", value: "member", options: ROLES, error: errors.role })}
        ${field("invite", { label: "Message (optional)", name: "message", maxlength: 500, error: errors.message })}
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>Send invitation</button></div>
      </form>
    </radiant-modal>`;
  }
}
customElements.define("saas-user-invite", SaasUserInvite);
