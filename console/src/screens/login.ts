import { LitElement, html } from "lit";
import { session } from "../auth/session";
import { describe, fieldErrors, problemOf, type Problem } from "../api/problem";
import { field, formValues } from "../components/form";
import { base } from "../components/styles";

// Sign-in: email and password, and the second factor — a code from the authenticator, or one of
// the recovery codes. The tenant is asked for only when the address administers several.
export class RadiantLogin extends LitElement {
  static properties = { problem: { state: true }, busy: { state: true }, useRecovery: { state: true }, askTenant: { state: true } };
  static styles = [base];
  declare problem: Problem | null;
  declare busy: boolean;
  declare useRecovery: boolean;
  declare askTenant: boolean;

  constructor() {
    super();
    this.problem = null;
    this.busy = false;
    this.useRecovery = false;
    this.askTenant = false;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    const body: Record<string, unknown> = { email: v.email ?? "", password: v.password ?? "" };
    if (v.code) body[this.useRecovery ? "recoveryCode" : "totpCode"] = v.code.replace(/\s+/g, "");
    if (v.tenantId) body.tenantId = v.tenantId;
    this.busy = true;
    try {
      const refused = await session.login(body);
      this.problem = refused ? await problemOf(refused) : null;
      if (this.problem && /tenant/i.test(this.problem.detail ?? "")) this.askTenant = true;
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  render() {
    const errors = fieldErrors(this.problem);
    const notice = session.endedBecause;
    return html`<section class="card">
      <h1>Sign in to Radiant</h1>
      ${notice && !this.problem ? html`<p role="status" class="muted">${notice}</p>` : ""}
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${field("login", { label: "Email", name: "email", type: "email", autocomplete: "username", required: true, error: errors.email })}
        ${field("login", { label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true, error: errors.password })}
        ${this.useRecovery
          ? field("login", { label: "Recovery code", name: "code", autocomplete: "off", error: errors.recoveryCode, hint: "One of the codes you saved when you set up MFA; each works once." })
          : field("login", { label: "Authenticator code", name: "code", autocomplete: "one-time-code", inputmode: "numeric", maxlength: 12, error: errors.totpCode, hint: "The 6-digit code from your authenticator app (when MFA is on)." })}
        ${this.askTenant ? field("login", { label: "Organisation (tenant id)", name: "tenantId", error: errors.tenantId }) : ""}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
          <button type="button" @click=${() => (this.useRecovery = !this.useRecovery)}>
            ${this.useRecovery ? "Use the authenticator instead" : "Use a recovery code"}
          </button>
        </div>
      </form>
    </section>`;
  }
}
customElements.define("radiant-login", RadiantLogin);
