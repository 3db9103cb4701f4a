import { LitElement, html } from "lit";
import { api } from "../../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../../api/problem";
import { session } from "../../auth/session";
import { field, formValues } from "../../components/form";
import { base } from "../../components/styles";

// Operators' sign-in (/console/platform/login): email, password and, always, a second factor — a code
// from the authenticator or one of the recovery codes. A forgotten password asks for an emailed link.
export class SaasPlatformLogin extends LitElement {
  static properties = { problem: { state: true }, busy: { state: true }, useRecovery: { state: true }, forgot: { state: true }, sent: { state: true } };
  static styles = [base];
  declare problem: Problem | null;
  declare busy: boolean;
  declare useRecovery: boolean;
  declare forgot: boolean;
  declare sent: string;

  constructor() {
    super();
    this.problem = null;
    this.busy = false;
    this.useRecovery = false;
    this.forgot = false;
    this.sent = "";
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    const body: Record<string, unknown> = { email: v.email ?? "", password: v.password ?? "" };
    if (v.code) body[this.useRecovery ? "recoveryCode" : "totpCode"] = v.code.replace(/\s+/g, "");
    this.busy = true;
    try {
      const refused = await session.login(body);
      this.problem = refused ? await problemOf(refused) : null;
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private async requestReset(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    this.busy = true;
    try {
      const { data, error, response } = await api.POST("/api/v2/saas/auth/password/forgot", { body: { email: v.email ?? "" } });
      if (data) {
        this.sent = data.message;
        this.problem = null;
      } else this.problem = await problemOf(response, error);
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  render() {
    const errors = fieldErrors(this.problem);
    const error = this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : "";
    if (this.forgot)
      return html`<section class="card">
        <h1>Reset your operator password</h1>
        ${this.sent
          ? html`<p role="status">${this.sent}</p>`
          : html`<form @submit=${this.requestReset} novalidate>
              ${error}
              ${field("forgot", { label: "Email", name: "email", type: "email", autocomplete: "username", required: true, error: errors.email })}
              <button class="primary" type="submit" ?disabled=${this.busy}>Email me a link</button>
            </form>`}
        <p><button type="button" @click=${() => ((this.forgot = false), (this.problem = null), (this.sent = ""))}>Back to sign-in</button></p>
      </section>`;
    const notice = session.endedBecause;
    return html`<section class="card">
      <h1>Radiant platform sign-in</h1>
      <p class="muted">For platform operators. Tenant administrators sign in at <a href="/console/login">the tenant console</a>.</p>
      ${notice && !this.problem ? html`<p role="status" class="muted">${notice}</p>` : ""}
      <form @submit=${this.submit} novalidate>
        ${error}
        ${field("op-login", { label: "Email", name: "email", type: "email", autocomplete: "username", required: true, error: errors.email })}
        ${field("op-login", { label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true, error: errors.password })}
        ${this.useRecovery
          ? field("op-login", { label: "Recovery code", name: "code", autocomplete: "off", required: true, error: errors.recoveryCode, hint: "One of the codes you saved when you set up your authenticator; each works once." })
          : field("op-login", { label: "Authenticator code", name: "code", autocomplete: "one-time-code", inputmode: "numeric", maxlength: 12, required: true, error: errors.totpCode, hint: "The 6-digit code from your authenticator app." })}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
          <button type="button" @click=${() => (this.useRecovery = !this.useRecovery)}>
            ${this.useRecovery ? "Use the authenticator instead" : "Use a recovery code"}
          </button>
          <button type="button" @click=${() => ((this.forgot = true), (this.problem = null))}>Forgot your password?</button>
        </div>
      </form>
    </section>`;
  }
}
customElements.define("saas-platform-login", SaasPlatformLogin);
