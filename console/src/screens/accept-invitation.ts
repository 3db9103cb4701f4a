import { LitElement, css, html } from "lit";
import { api, type Schemas } from "../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../api/problem";
import { field, formValues } from "../components/form";
import { base } from "../components/styles";
import { BASE } from "../router";

// The page an invitation email opens: set a name and password; in production the authenticator is
// enrolled at once — its QR code and the recovery codes are shown here, once, and never again.
type Accepted = Schemas["AcceptOut"];

export class RadiantAcceptInvitation extends LitElement {
  static properties = {
    problem: { state: true },
    busy: { state: true },
    accepted: { state: true },
    saved: { state: true },
    mismatch: { state: true },
  };
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
    // An operator's link (`&kind=operator`) never reaches this screen: the shell shows the operators' one.
    this.token = new URLSearchParams(window.location.search).get("token") ?? "";
    // The token stays in memory only: out of the address bar and the browser's history.
    window.history.replaceState(null, "", `${BASE}/accept-invitation`);
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    this.mismatch = (v.password ?? "") !== (v.confirm ?? "");
    if (this.mismatch) return;
    this.busy = true;
    try {
      const { data, error, response } = await api.POST("/api/v2/admin/invitations/accept", {
        body: { token: this.token, firstName: v.firstName ?? "", lastName: v.lastName ?? "", password: v.password ?? "" },
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
    const signIn = html`<a href=${`${BASE}/login`} class="primary" aria-disabled=${mfa && !this.saved ? "true" : "false"}
      @click=${(e: Event) => mfa && !this.saved && e.preventDefault()}>Continue to sign in</a>`;
    if (!mfa) {
      return html`<section class="card"><h1>Welcome, ${a.adminUser.firstName}</h1>
        <p>Your account is ready. Sign in with your email and the password you chose.</p>${signIn}</section>`;
    }
    return html`<section class="card">
      <h1>Set up your authenticator</h1>
      <p>Scan this code with your authenticator app (or enter the key below). You will need a code from it every time you sign in.</p>
      <img class="qr" src=${mfa.qrCode} alt="QR code to add Radiant to your authenticator app" />
      <p>Key: <code class="secret" data-testid="totp-secret">${mfa.secret}</code></p>
      ${mfa.recoveryCodes?.length
        ? html`<h2>Recovery codes</h2>
            <p>Each code signs you in once if you lose your authenticator. Save them now: <strong>they are shown only this once.</strong></p>
            <ol class="codes" data-testid="recovery-codes">${mfa.recoveryCodes.map((c) => html`<li>${c}</li>`)}</ol>`
        : ""}
      <div class="field">
        <label><input type="checkbox" .checked=${this.saved} @change=${(e: Event) => (this.saved = (e.target as HTMLInputElement).checked)} />
          I have added the authenticator and saved my recovery codes</label>
      </div>
      ${this.saved ? signIn : html`<p class="muted">Tick the box above to continue.</p>`}
    </section>`;
  }

  render() {
    if (this.accepted) return this.renderAccepted(this.accepted);
    if (!this.token && !this.problem)
      return html`<section class="card"><h1>Accept your invitation</h1>
        <p role="alert">This link has no invitation token. Open the link from your invitation email again.</p></section>`;
    const errors = fieldErrors(this.problem);
    return html`<section class="card">
      <h1>Accept your invitation</h1>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${field("accept", { label: "First name", name: "firstName", autocomplete: "given-name", required: true, error: errors.firstName })}
        ${field("accept", { label: "Last name", name: "lastName", autocomplete: "family-name", required: true, error: errors.lastName })}
        ${field("accept", { label: "Password", name: "password", type: "password", autocomplete: "new-password", required: true, error: errors.password, hint: "At least 12 characters." })}
        ${field("accept", { label: "Confirm password", name: "confirm", type: "password", autocomplete: "new-password", required: true, error: this.mismatch ? "The passwords differ" : undefined })}
        <button class="primary" type="submit" ?disabled=${this.busy}>Accept invitation</button>
      </form>
    </section>`;
  }
}
customElements.define("radiant-accept-invitation", RadiantAcceptInvitation);
