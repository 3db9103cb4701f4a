import { LitElement, css, html } from "lit";
import { api } from "../../api/client";
import { session } from "../../auth/session";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import { navigate } from "../../router";
import { PLATFORM } from "./shared";

// The banner the tenant console shows while an operator impersonates the tenant: whose console this
// is, read-only or not, the time left (ticking), and "End", which ends the impersonation at identity
// (its token is refused from then on) and returns to the tenant's page in the platform console.
/** End the impersonation: back to the operator's own session first, then ended at identity with the
 * operator's token; true when identity ended it (or it had ended already). */
export async function endImpersonation(): Promise<boolean> {
  const imp = session.impersonation;
  if (!imp) return true;
  session.stopImpersonating();
  try {
    const { response } = await api.DELETE("/api/v2/saas/tenants/{tenant_id}/impersonate/{session_id}", {
      params: { path: { tenant_id: imp.tenantId, session_id: imp.sessionId } },
    });
    return response.ok || response.status === 409;
  } catch {
    return false;
  }
}

export class SaasImpersonationBanner extends LitElement {
  static properties = { now: { state: true }, ending: { state: true } };
  static styles = [
    base,
    css`
      :host { display: block; }
      .banner { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: center; padding: 0.5rem 1rem;
        background: #7c2d12; color: #fff; font-weight: 600; }
      .banner button { background: #fff; color: #7c2d12; border-color: #fff; }
    `,
  ];
  declare now: number;
  declare ending: boolean;
  private ticker: number | undefined;

  constructor() {
    super();
    this.now = Date.now();
    this.ending = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.ticker = window.setInterval(() => (this.now = Date.now()), 1000);
  }

  disconnectedCallback(): void {
    window.clearInterval(this.ticker);
    super.disconnectedCallback();
  }

  private async end(): Promise<void> {
    const imp = session.impersonation;
    if (!imp) return;
    this.ending = true;
    const ended = await endImpersonation();
    toast(ended ? "Impersonation ended" : "The impersonation could not be ended; it expires on its own", ended ? "success" : "error");
    navigate(`${PLATFORM}/tenants/${imp.tenantId}`);
  }

  render() {
    const imp = session.impersonation;
    if (!imp) return html``;
    const left = Math.max(0, Math.round((imp.expiresAt - this.now) / 1000));
    const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    return html`<div class="banner" role="region" aria-label="Impersonation">
      <span>You are impersonating <strong>${imp.tenantName}</strong> (${imp.readOnly ? "read-only" : "with write access"})</span>
      <span>Time left: <span data-testid="impersonation-time-left" role="timer" aria-live="off">${time}</span></span>
      <button type="button" ?disabled=${this.ending} @click=${() => void this.end()}>End impersonation</button>
    </div>`;
  }
}
customElements.define("saas-impersonation-banner", SaasImpersonationBanner);
