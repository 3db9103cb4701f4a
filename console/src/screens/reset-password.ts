import { LitElement, html } from "lit";
import { api } from "../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../api/problem";
import { field, formValues } from "../components/form";
import { base } from "../components/styles";
import { BASE } from "../router";

// The page a forgotten-password email opens (`/console/reset-password?token=…`, `&kind=operator` for
// a platform operator's account, reset on the platform's own route): choose a new password. The
// token is read once from the address and kept in memory only — out of the address bar and history.
type Kind = "tenant" | "operator";

export class RadiantResetPassword extends LitElement {
  static properties = { problem: { state: true }, busy: { state: true }, done: { state: true }, mismatch: { state: true } };
  static styles = [base];
  declare problem: Problem | null;
  declare busy: boolean;
  declare done: string | null;
  declare mismatch: boolean;
  private token = "";
  private kind: Kind = "tenant";

  constructor() {
    super();
    this.problem = null;
    this.busy = false;
    this.done = null;
    this.mismatch = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    const query = new URLSearchParams(window.location.search);
    this.token = query.get("token") ?? "";
    this.kind = query.get("kind") === "operator" ? "operator" : "tenant";
    window.history.replaceState(null, "", `${BASE}/reset-password`);
  }

  private async reset(token: string, newPassword: string) {
    const body = { body: { token, newPassword } };
    return this.kind === "operator"
      ? api.POST("/api/v2/saas/auth/password/reset", body)
      : api.POST("/api/v2/auth/password/reset", body);
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    this.mismatch = (v.newPassword ?? "") !== (v.confirm ?? "");
    if (this.mismatch) return;
    this.busy = true;
    this.problem = null;
    try {
      const { data, error, response } = await this.reset(this.token, v.newPassword ?? "");
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
    // the console's start page offers the operators' sign-in as well
    const signIn = this.kind === "operator" ? `${BASE}/` : `${BASE}/login`;
    if (this.done !== null)
      return html`<section class="card"><h1>Password reset</h1>
        <p role="status" data-testid="reset-done">${this.done}</p>
        <a class="primary" href=${signIn}>Continue to sign in</a></section>`;
    if (!this.token)
      return html`<section class="card"><h1>Choose a new password</h1>
        <p role="alert">This link has no reset token. Open the link from your email again, or ask for a new one.</p></section>`;
    const errors = fieldErrors(this.problem);
    return html`<section class="card">
      <h1>Choose a new password</h1>
      <p class="muted">${this.kind === "operator" ? "Your platform operator account. " : ""}Every session signed in with the old password ends.</p>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${field("reset", { label: "New password", name: "newPassword", type: "password", autocomplete: "new-password", required: true, error: errors.newPassword, hint: "12 to 128 characters." })}
        ${field("reset", { label: "Confirm password", name: "confirm", type: "password", autocomplete: "new-password", required: true, error: this.mismatch ? "The passwords differ" : undefined })}
        <button class="primary" type="submit" ?disabled=${this.busy}>Reset password</button>
      </form>
    </section>`;
  }
}
customElements.define("radiant-reset-password", RadiantResetPassword);
