import { LitElement, css, html } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../../api/problem";
import { session } from "../../auth/session";
import { field, formValues } from "../../components/form";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";

// The operator's own account (/console/platform/account, identity's /saas/me/…): change the password
// (the current one and a fresh code), replace the recovery codes (shown once), replace the
// authenticator (a code from the current one → the new one's QR code → a code from it). A new
// password or authenticator ends every earlier session, this one's cookie included, so the console
// then asks to sign in with it; the new session identity answers with is not kept (its refresh token
// would sit where scripts can read it).
type NewTotp = Schemas["NewTotp"];
type Form = "password" | "codes" | "enrol" | "verify";

export class SaasPlatformAccount extends LitElement {
  static properties = { problems: { state: true }, busy: { state: true }, codes: { state: true }, enrolment: { state: true }, reenrolled: { state: true } };
  static styles = [
    base,
    css`
      section { margin-bottom: 1rem; }
      ol.codes { columns: 2; font-family: ui-monospace, monospace; padding-left: 1.5rem; }
      .qr { display: block; width: 200px; height: 200px; image-rendering: pixelated; border: 1px solid var(--radiant-border); }
      .secret { word-break: break-all; }
    `,
  ];
  declare problems: Partial<Record<Form, Problem>>;
  declare busy: boolean;
  declare codes: string[];
  declare enrolment: NewTotp | null;
  declare reenrolled: boolean;

  constructor() {
    super();
    this.problems = {};
    this.busy = false;
    this.codes = [];
    this.enrolment = null;
    this.reenrolled = false;
  }

  /** One call for a form: its problem shown on that form, or the answer. */
  private async run<T>(form: Form, call: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T | null> {
    this.busy = true;
    try {
      const { data, error, response } = await call();
      if (data) {
        this.problems = { ...this.problems, [form]: undefined };
        return data;
      }
      this.problems = { ...this.problems, [form]: await problemOf(response, error) };
    } catch {
      this.problems = { ...this.problems, [form]: { status: 0, title: "The console could not reach the API; try again." } };
    } finally {
      this.busy = false;
    }
    return null;
  }

  private async changePassword(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    const body = { currentPassword: v.currentPassword ?? "", totpCode: v.totpCode ?? "", newPassword: v.newPassword ?? "" };
    if (await this.run("password", () => api.POST("/api/v2/saas/me/password", { body }))) {
      session.ended("Your password was changed and your sessions ended; sign in with the new password.");
    }
  }

  private async replaceCodes(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    const done = await this.run("codes", () => api.POST("/api/v2/saas/me/mfa/recovery-codes", { body: { currentCode: v.currentCode ?? "" } }));
    if (done) {
      this.codes = done.recoveryCodes;
      (e.target as HTMLFormElement).reset();
      toast("New recovery codes: the old ones no longer work", "success");
    }
  }

  private async startEnrolment(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    this.enrolment = await this.run("enrol", () => api.POST("/api/v2/saas/me/mfa/totp/enroll", { body: { currentCode: v.currentCode ?? "" } }));
  }

  private async confirmEnrolment(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    const done = await this.run("verify", () => api.POST("/api/v2/saas/me/mfa/totp/verify", { body: { code: v.code ?? "" } }));
    if (done) {
      this.enrolment = null;
      this.codes = done.recoveryCodes; // shown here first: the new codes exist only in this answer
      this.reenrolled = true;
    }
  }

  private error(form: Form) {
    const p = this.problems[form];
    return p ? html`<p class="form-error" role="alert">${describe(p)}</p>` : "";
  }

  render() {
    const op = session.operator;
    const pe = fieldErrors(this.problems.password);
    const ce = fieldErrors(this.problems.codes);
    const ee = fieldErrors(this.problems.enrol);
    const ve = fieldErrors(this.problems.verify);
    return html`
      <h1>My account</h1>
      <p>${op?.name} · ${op?.email} · ${op?.role?.replace(/_/g, " ")}</p>
      <section class="card" aria-labelledby="pw-h">
        <h2 id="pw-h">Change my password</h2>
        <form @submit=${this.changePassword} novalidate>
          ${this.error("password")}
          ${field("acct-pw", { label: "Current password", name: "currentPassword", type: "password", autocomplete: "current-password", required: true, error: pe.currentPassword })}
          ${field("acct-pw", { label: "Authenticator code", name: "totpCode", autocomplete: "one-time-code", inputmode: "numeric", maxlength: 12, required: true, error: pe.totpCode })}
          ${field("acct-pw", { label: "New password", name: "newPassword", type: "password", autocomplete: "new-password", required: true, error: pe.newPassword, hint: "At least 12 characters. Every session ends: you sign in again with it." })}
          <button class="primary" type="submit" ?disabled=${this.busy}>Change password</button>
        </form>
      </section>
      <section class="card" aria-labelledby="codes-h">
        <h2 id="codes-h">Recovery codes</h2>
        ${this.codes.length
          ? html`<p>Your new recovery codes — <strong>shown only this once</strong>; each signs you in once:</p>
              <ol class="codes" data-testid="new-recovery-codes">${this.codes.map((c) => html`<li>${c}</li>`)}</ol>`
          : ""}
        <form @submit=${this.replaceCodes} novalidate>
          ${this.error("codes")}
          ${field("acct-codes", { label: "Authenticator code", name: "currentCode", autocomplete: "one-time-code", inputmode: "numeric", maxlength: 12, required: true, error: ce.currentCode, hint: "New codes replace all the old ones." })}
          <button type="submit" ?disabled=${this.busy}>Replace my recovery codes</button>
        </form>
      </section>
      <section class="card" aria-labelledby="totp-h">
        <h2 id="totp-h">Authenticator</h2>
        ${this.reenrolled
          ? html`<p role="status">Your new authenticator is active and your earlier sessions ended. Save the new recovery codes above, then sign in with a code from it.</p>
              <button class="primary" type="button" @click=${() => session.ended("Sign in with a code from your new authenticator.")}>Sign in again</button>`
          : this.enrolment
          ? html`<p>Scan this code with the new authenticator (or enter the key), then type a code from it. Until then the current one keeps working.</p>
              <img class="qr" src=${this.enrolment.qrCode} alt="QR code for the new authenticator" />
              <p>Key: <code class="secret">${this.enrolment.secret}</code></p>
              <form @submit=${this.confirmEnrolment} novalidate>
                ${this.error("verify")}
                ${field("acct-verify", { label: "Code from the new authenticator", name: "code", autocomplete: "one-time-code", inputmode: "numeric", maxlength: 12, required: true, error: ve.code })}
                <button class="primary" type="submit" ?disabled=${this.busy}>Use the new authenticator</button>
              </form>`
          : html`<form @submit=${this.startEnrolment} novalidate>
              ${this.error("enrol")}
              ${field("acct-enrol", { label: "Code from the current authenticator", name: "currentCode", autocomplete: "one-time-code", inputmode: "numeric", maxlength: 12, required: true, error: ee.currentCode })}
              <button type="submit" ?disabled=${this.busy}>Replace my authenticator</button>
            </form>`}
      </section>
    `;
  }
}
customElements.define("saas-platform-account", SaasPlatformAccount);
