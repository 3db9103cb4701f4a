import { LitElement, html } from "lit";
import { api } from "../../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../../api/problem";
import { field, formValues } from "../../components/form";
import { base } from "../../components/styles";
import { BASE } from "../../router";

// The page an operator's password reset email opens (/console/platform/reset-password?token=…): a new
// password; identity ends every session of the account, so the operator signs in again with it.
export class SaasPlatformResetPassword extends LitElement {
  static properties = { problem: { state: true }, busy: { state: true }, done: { state: true }, mismatch: { state: true } };
  static styles = [base];
  declare problem: Problem | null;
  declare busy: boolean;
  declare done: string;
  declare mismatch: boolean;
  private token = "";

  constructor() {
    super();
    this.problem = null;
    this.busy = false;
    this.done = "";
    this.mismatch = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.token = new URLSearchParams(window.location.search).get("token") ?? "";
    window.history.replaceState(null, "", `${BASE}/platform/reset-password`);
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    this.mismatch = (v.newPassword ?? "") !== (v.confirm ?? "");
    if (this.mismatch) return;
    this.busy = true;
    try {
      const { data, error, response } = await api.POST("/api/v2/saas/auth/password/reset", {
        body: { token: this.token, newPassword: v.newPassword ?? "" },
      });
      if (data) {
        this.done = data.message;
        this.token = "";
      } else this.problem = await problemOf(response, error);
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (this.done)
      return html`<section class="card"><h1>Password reset</h1><p role="status">${this.done}</p>
        <a href=${`${BASE}/platform/login`} class="primary">Sign in</a></section>`;
    if (!this.token && !this.problem)
      return html`<section class="card"><h1>Reset your operator password</h1>
        <p role="alert">This link has no reset token. Open the link from the email again, or ask for a new one on the sign-in page.</p></section>`;
    const errors = fieldErrors(this.problem);
    return html`<section class="card">
      <h1>Reset your operator password</h1>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${field("op-reset", { label: "New password", name: "newPassword", type: "password", autocomplete: "new-password", required: true, error: errors.newPassword, hint: "At least 12 characters." })}
        ${field("op-reset", { label: "Confirm password", name: "confirm", type: "password", autocomplete: "new-password", required: true, error: this.mismatch ? "The passwords differ" : undefined })}
        <button class="primary" type="submit" ?disabled=${this.busy}>Set the new password</button>
      </form>
    </section>`;
  }
}
customElements.define("saas-platform-reset-password", SaasPlatformResetPassword);
