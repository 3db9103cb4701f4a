import { LitElement, css, html, nothing } from "lit";
import { api, type Schemas } from "../api/client";
import { BASE, navigate } from "../router";
import { base } from "./styles";

// Seed 004 §3.2's quota warning (`radiant-quota-warning`): on a screen that creates a counted resource
// (a member, an agent…), how much of the plan's limit is used — from `GET /admin/quotas` — a warning
// near the limit, and at the limit a link to upgrade (the billing page's upgrade prompt). Nothing is
// shown when the plan has no limit for it; a quota that could not be read is said, not guessed.
type Quota = Schemas["QuotaOut"];
type Resource = Quota["resource"];
/** From this share of the limit on, the warning is raised (the dashboard's meters use the same). */
export const NEAR_LIMIT_PERCENT = 80;
const NAMES: Record<Resource, string> = { users: "members", agents: "agents", tokens: "tokens this month", storage: "storage" };

export class RadiantQuotaWarning extends LitElement {
  static properties = { resource: {}, quota: { state: true }, failed: { state: true } };
  static styles = [
    base,
    css`
      :host { display: block; margin-bottom: 0.9rem; }
      .quota { border: 1px solid var(--radiant-border); border-radius: 8px; padding: 0.6rem 0.8rem; }
      .quota.warn { border-color: var(--radiant-warning); }
      .quota.bad { border-color: var(--radiant-danger); }
      meter { width: 100%; height: 0.9rem; }
      p { margin: 0.25rem 0; }
      a { color: var(--radiant-accent); }
    `,
  ];
  declare resource: Resource;
  declare quota: Quota | null;
  declare failed: boolean;

  constructor() {
    super();
    this.resource = "users";
    this.quota = null;
    this.failed = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Read the quota again (after something was created or removed). */
  async refresh(): Promise<void> {
    try {
      const { data } = await api.GET("/api/v2/admin/quotas");
      this.quota = data?.quotas.find((q) => q.resource === this.resource) ?? null;
      this.failed = !data;
    } catch {
      this.failed = true;
    }
  }

  private upgrade(e: MouseEvent): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate("/billing?upgrade=1");
  }

  render() {
    if (this.failed) return html`<p class="muted" role="status">Your plan's limit for ${NAMES[this.resource]} could not be read right now.</p>`;
    const q = this.quota;
    if (!q || q.limit === null) return nothing;
    const near = q.exceeded || q.percentage >= NEAR_LIMIT_PERCENT;
    const level = q.exceeded ? "bad" : near ? "warn" : "";
    const id = `quota-${q.resource}`;
    return html`<div class="quota ${level}" data-testid=${id} role=${near ? "status" : nothing}>
      <label for=${id}>${q.current} of ${q.limit} ${NAMES[q.resource]} used on your plan</label>
      <meter id=${id} min="0" max="100" low=${NEAR_LIMIT_PERCENT} high="100" optimum="0" .value=${q.percentage}></meter>
      ${q.exceeded
        ? html`<p><span class="badge bad">Limit reached</span> Upgrade your plan to add more.
            <a href=${`${BASE}/billing?upgrade=1`} @click=${this.upgrade}>Upgrade</a></p>`
        : near
          ? html`<p><span class="badge warn">Near the limit</span> ${q.remaining} left.
              <a href=${`${BASE}/billing?upgrade=1`} @click=${this.upgrade}>See plans</a></p>`
          : nothing}
    </div>`;
  }
}
customElements.define("radiant-quota-warning", RadiantQuotaWarning);
