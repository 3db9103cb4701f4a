import { LitElement, css, html } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../../api/problem";
import { field, formValues } from "../../components/form";
import { base } from "../../components/styles";
import { BASE } from "../../router";

// The page an operator's invitation opens (/console/platform/accept-invitation?token=…): choose a
// password; the authenticator is enrolled at once — its QR code, key and the recovery codes are shown
// here once, and never again.
type Accepted = Schemas["AcceptedOperator"];

export class SaasPlatformAcceptInvitation extends LitElement {
  static properties = { problem: { state: true }, busy: { state: true }, accepted: { state: true }, saved: { state: true }, mismatch: { state: true } };
  static styles = [
    base,
    css`
      .qr { display: block; width: 200px; height: 200px; image-rendering: pixelated; border: 1px solid var(--radiant-border); }
      ol.codes { columns: 2; font-family: ui-monospace, monospace; padding-left: 1.5rem; }
      .secret { word-break: break-all; }
    `,
  ];
  declare problem: Problem | null;
  declare busy: boolean;
  declare accepted: Accepted | null;
  declare saved: boolean;
  declare mismatch: boolean;
  private token = "";

  constructor() {
    super();
    this.problem = null;
    this.busy = false;
    this.accepted = null;
    this.saved = false;
    this.mismatch = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.token = new URLSearchParams(window.location.search).get("token") ?? "";
    // The token stays in memory only: out of the address bar and the browser's history.
    window.history.replaceState(null, "", `${BASE}/platform/accept-invitation`);
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    this.mismatch = (v.password ?? "") !== (v.confirm ?? "");
    if (this.mismatch) return;
    this.busy = true;
    try {
      const { data, error, response } = await api.POST("/api/v2/saas/operators/invitations/accept", {
        body: { token: this.token, password: v.password ?? "" },
      });
      if (data) {
        this.accepted = data;
        this.token = "";
      } else this.problem = await problemOf(response, error);
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private renderAccepted(a: Accepted) {
    const mfa = a.mfa;
    return html`<section class="card">
      <h1>Set up your authenticator</h1>
      <p>Welcome, ${a.operator.name}. Scan this code with your authenticator app (or enter the key below): every sign-in asks for a code from it.</p>
      <img class="qr" src=${mfa.qrCode} alt="QR code to add the Radiant platform to your authenticator app" />
      <p>Key: <code class="secret" data-testid="totp-secret">${mfa.secret}</code></p>
      <h2>Recovery codes</h2>
      <p>Each code signs you in once if you lose your authenticator. Save them now: <strong>they are shown only this once.</strong></p>
      <ol class="codes" data-testid="recovery-codes">${(mfa.recoveryCodes ?? []).map((c) => html`<li>${c}</li>`)}</ol>
      <div class="field">
        <label><input type="checkbox" .checked=${this.saved} @change=${(e: Event) => (this.saved = (e.target as HTMLInputElement).checked)} />
          I have added the authenticator and saved my recovery codes</label>
      </div>
      ${this.saved ? html`<a href=${`${BASE}/platform/login`} class="primary">Continue to sign in</a>` : html`<p class="muted">Tick the box above to continue.</p>`}
    </section>`;
  }

  render() {
    if (this.accepted) return this.renderAccepted(this.accepted);
    if (!this.token && !this.problem)
      return html`<section class="card"><h1>Accept your operator invitation</h1>
        <p role="alert">This link has no invitation token. Open the link from your invitation email again.</p></section>`;
    const errors = fieldErrors(this.problem);
    return html`<section class="card">
      <h1>Accept your operator invitation</h1>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${field("op-accept", { label: "Password", name: "password", type: "password", autocomplete: "new-password", required: true, error: errors.password, hint: "At least 12 characters." })}
        ${field("op-accept", { label: "Confirm password", name: "confirm", type: "password", autocomplete: "new-password", required: true, error: this.mismatch ? "The passwords differ" : undefined })}
        <button class="primary" type="submit" ?disabled=${this.busy}>Accept invitation</button>
      </form>
    </section>`;
  }
}
customElements.define("saas-platform-accept-invitation", SaasPlatformAcceptInvitation);
