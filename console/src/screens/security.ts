import { LitElement, css, html } from "lit";
import { api, type Schemas } from "../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../api/problem";
import { field, formValues } from "../components/form";
import { session } from "../auth/session";
import { base } from "../components/styles";
import { toast } from "../components/toasts";

// MFA management (everyone): replace the recovery codes, or move to a new authenticator. Every
// factor change proves a current factor first (identity's rule): a code from the authenticator,
// or a recovery code. New codes and a new key are shown once.
type Enrollment = Schemas["MfaEnrollment"];

export class RadiantSecurity extends LitElement {
  static properties = {
    codes: { state: true },
    enrollment: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  static styles = [
    base,
    css`
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
      ol.codes { columns: 2; font-family: ui-monospace, monospace; padding-left: 1.5rem; }
      .qr { width: 200px; height: 200px; image-rendering: pixelated; border: 1px solid var(--radiant-border); }
      .secret { word-break: break-all; }
    `,
  ];
  declare codes: string[] | null;
  declare enrollment: Enrollment | null;
  declare problem: Problem | null;
  declare busy: boolean;
  /** After a new authenticator: the sessions from before it have ended, so this one signs in again. */
  private signInAgain = false;

  constructor() {
    super();
    this.codes = null;
    this.enrollment = null;
    this.problem = null;
    this.busy = false;
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await work();
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private replaceCodes(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    return this.run(async () => {
      const { data, error, response } = await api.POST("/api/v2/auth/mfa/recovery-codes", { body: { currentCode: v.currentCode } });
      if (!data) return void (this.problem = await problemOf(response, error));
      this.problem = null;
      this.codes = data.recoveryCodes;
      toast("New recovery codes: the old ones no longer work", "success");
    });
  }

  private startEnrolment(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    return this.run(async () => {
      const { data, error, response } = await api.POST("/api/v2/auth/mfa/totp/enroll", { body: { currentCode: v.currentCode } });
      if (!data) return void (this.problem = await problemOf(response, error));
      this.problem = null;
      this.enrollment = data;
    });
  }

  private confirmEnrolment(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    return this.run(async () => {
      const { data, error, response } = await api.POST("/api/v2/auth/mfa/totp/verify", { body: { code: v.code ?? "" } });
      if (!data) return void (this.problem = await problemOf(response, error));
      this.problem = null;
      this.enrollment = null;
      this.codes = data.recoveryCodes;
      // identity ended every session from before the factor change, this one included
      this.signInAgain = true;
      toast("The new authenticator is active", "success");
    });
  }

  private saved(): void {
    this.codes = null;
    if (this.signInAgain) session.ended("Your authenticator changed: sign in again with the new one.");
  }

  private renderCodes(codes: string[]) {
    return html`<section class="card" aria-labelledby="codes-title">
      <h2 id="codes-title">Your new recovery codes</h2>
      <p>Each signs you in once if you lose your authenticator. <strong>They are shown only this once.</strong></p>
      <ol class="codes" data-testid="new-recovery-codes">${codes.map((c) => html`<li>${c}</li>`)}</ol>
      <button type="button" @click=${() => this.saved()}>I have saved them</button>
    </section>`;
  }

  render() {
    const errors = fieldErrors(this.problem);
    const alert = this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : "";
    if (this.codes) return html`<h1>Sign-in security</h1>${this.renderCodes(this.codes)}`;
    if (this.enrollment) {
      const e = this.enrollment;
      return html`<h1>Sign-in security</h1>
        <section class="card">
          <h2>Add the new authenticator</h2>
          <p>Scan this code with the new authenticator app (or enter the key), then enter the code it shows.</p>
          <img class="qr" src=${e.qrCode} alt="QR code to add Radiant to your new authenticator app" />
          <p>Key: <code class="secret" data-testid="new-totp-secret">${e.secret}</code></p>
          <form @submit=${this.confirmEnrolment} novalidate>
            ${alert}
            ${field("confirm", { label: "Code from the new authenticator", name: "code", autocomplete: "one-time-code", inputmode: "numeric", required: true, error: errors.code })}
            <button class="primary" type="submit" ?disabled=${this.busy}>Confirm</button>
          </form>
        </section>`;
    }
    return html`<h1>Sign-in security</h1>
      ${alert}
      <div class="grid">
        <section class="card" aria-labelledby="recovery">
          <h2 id="recovery">Recovery codes</h2>
          <p>Replace all of them (the current ones stop working).</p>
          <form @submit=${this.replaceCodes} novalidate>
            ${field("recovery", { label: "Current authenticator or recovery code", name: "currentCode", autocomplete: "one-time-code", required: true, error: errors.currentCode })}
            <button type="submit" ?disabled=${this.busy}>Replace recovery codes</button>
          </form>
        </section>
        <section class="card" aria-labelledby="authenticator">
          <h2 id="authenticator">Authenticator</h2>
          <p>Move to a new authenticator app or device.</p>
          <form @submit=${this.startEnrolment} novalidate>
            ${field("enrol", { label: "Current authenticator or recovery code", name: "currentCode", autocomplete: "one-time-code", required: true, error: errors.currentCode })}
            <button type="submit" ?disabled=${this.busy}>Set up a new authenticator</button>
          </form>
        </section>
      </div>`;
  }
}
customElements.define("radiant-security", RadiantSecurity);
