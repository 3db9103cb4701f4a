import { LitElement, css, html, nothing } from "lit";
import { api, type Schemas } from "../api/client";
import { QUOTA_EXCEEDED_EVENT, describe, problemOf, type Problem } from "../api/problem";
import { base } from "./styles";
import { toast } from "./toasts";
import "./modal";

// Seed 004 §3.2's upgrade prompt (`radiant-upgrade-prompt`), mounted once by the shell: it opens
// whenever the API refuses something with the quota problem (problem.ts announces every one), and
// on `openUpgradePrompt()` (the billing page, its `?upgrade=1` link, the quota warning). It offers
// the plans above the tenant's (`GET /admin/billing/plans`) with their limits and price, and
// upgrades through `POST /admin/billing/upgrade`; an answer that waits for approval says so.
type Plan = Schemas["PlanOut"];
type Subscription = Schemas["SubscriptionOut"];
const OPEN_EVENT = "radiant-upgrade-open";

/** Asked for before the shell's prompt was connected (a page that opens it as it loads: `?upgrade=1`). */
let requested = false;
let mounted = 0;

export function openUpgradePrompt(): void {
  if (mounted === 0) requested = true;
  else window.dispatchEvent(new CustomEvent(OPEN_EVENT));
}

function limit(n: number | null, what: string): string {
  return n === null ? `unlimited ${what}` : `${new Intl.NumberFormat().format(n)} ${what}`;
}

function price(plan: Plan, currency: string): string {
  const [code, amount] = plan.prices[currency] !== undefined ? [currency, plan.prices[currency]] : ["USD", plan.prices.USD];
  if (amount === undefined) return "";
  try {
    return `${new Intl.NumberFormat(undefined, { style: "currency", currency: code }).format(Number(amount))} a month`;
  } catch {
    return `${amount} ${code} a month`;
  }
}

export class RadiantUpgradePrompt extends LitElement {
  static properties = {
    open: { state: true },
    quota: { state: true },
    plans: { state: true },
    subscription: { state: true },
    chosen: { state: true },
    loadError: { state: true },
    problem: { state: true },
    busy: { state: true },
    outcome: { state: true },
  };
  static styles = [
    base,
    css`
      fieldset { border: none; padding: 0; margin: 0 0 1rem; }
      legend { font-weight: 600; margin-bottom: 0.5rem; }
      label.plan { display: flex; gap: 0.6rem; align-items: flex-start; border: 1px solid var(--radiant-border); border-radius: 8px;
        padding: 0.6rem 0.8rem; margin-bottom: 0.5rem; cursor: pointer; }
      label.plan span { display: block; }
      .why { border-left: 4px solid var(--radiant-danger); padding-left: 0.75rem; }
    `,
  ];
  declare open: boolean;
  declare quota: Problem | null;
  declare plans: Plan[];
  declare subscription: Subscription | null;
  declare chosen: string;
  declare loadError: string;
  declare problem: Problem | null;
  declare busy: boolean;
  declare outcome: string;

  constructor() {
    super();
    this.open = false;
    this.quota = null;
    this.plans = [];
    this.subscription = null;
    this.chosen = "";
    this.loadError = "";
    this.problem = null;
    this.busy = false;
    this.outcome = "";
  }

  private onQuota = (e: Event) => this.show((e as CustomEvent<Problem>).detail);
  private onOpen = () => this.show(null);

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(QUOTA_EXCEEDED_EVENT, this.onQuota);
    window.addEventListener(OPEN_EVENT, this.onOpen);
    mounted += 1;
    if (requested) {
      requested = false;
      this.show(null);
    }
  }

  disconnectedCallback(): void {
    window.removeEventListener(QUOTA_EXCEEDED_EVENT, this.onQuota);
    window.removeEventListener(OPEN_EVENT, this.onOpen);
    mounted -= 1;
    super.disconnectedCallback();
  }

  private show(quota: Problem | null): void {
    this.quota = quota;
    this.problem = null;
    this.outcome = "";
    this.open = true;
    void this.load();
  }

  private async load(): Promise<void> {
    this.loadError = "";
    try {
      const [plans, subscription] = await Promise.all([api.GET("/api/v2/admin/billing/plans"), api.GET("/api/v2/admin/billing/subscription")]);
      if (!plans.data) {
        this.loadError = describe(await problemOf(plans.response, plans.error));
        return;
      }
      // A tenant billing never gave a subscription is on the default plan (the API's 404 says so).
      this.subscription = subscription.data ?? null;
      const rank = this.subscription?.plan.rank ?? plans.data.plans.find((p) => p.default)?.rank ?? -Infinity;
      this.plans = plans.data.plans.filter((p) => p.rank > rank);
      this.chosen = this.plans[0]?.id ?? "";
    } catch {
      this.loadError = "The console could not reach the API.";
    }
  }

  private async upgrade(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (!this.chosen) return;
    this.busy = true;
    try {
      const { data, error, response } = await api.POST("/api/v2/admin/billing/upgrade", { body: { plan: this.chosen } });
      if (!data) {
        this.problem = await problemOf(response, error);
        return;
      }
      const name = data.subscription.plan.name;
      if (response.status === 202) {
        this.outcome = `The upgrade to ${name} is waiting for approval by another administrator.`;
        toast(this.outcome, "info");
        return;
      }
      toast(`Upgraded to ${name}; ${data.proration.amount} ${data.proration.currency} for the rest of this period is on your next invoice.`, "success");
      window.dispatchEvent(new CustomEvent("radiant-plan-changed"));
      this.open = false;
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private body() {
    if (this.loadError) return html`<p class="form-error" role="alert">${this.loadError}</p>`;
    if (this.outcome) return html`<p role="status"><span class="badge warn">Waiting for approval</span> ${this.outcome}</p>`;
    const currency = this.subscription?.currency ?? "USD";
    return html`
      ${this.subscription ? html`<p>You are on <strong>${this.subscription.plan.name}</strong>.</p>` : nothing}
      ${this.plans.length === 0
        ? html`<p role="status">There is no plan above yours to move to; contact us for more.</p>`
        : html`<form @submit=${this.upgrade}>
            ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : nothing}
            <fieldset>
              <legend>Choose a plan</legend>
              ${this.plans.map(
                (p) => html`<label class="plan">
                  <input type="radio" name="plan" .value=${p.id} ?checked=${p.id === this.chosen} @change=${() => (this.chosen = p.id)} />
                  <span><strong>${p.name}</strong> · ${price(p, currency)}
                    <span class="muted">${limit(p.limits.maxUsers, "members")}, ${limit(p.limits.maxAgents, "agents")},
                      ${limit(p.limits.maxTokensPerMonth, "tokens a month")}</span>
                    ${p.description ? html`<span class="muted">${p.description}</span>` : nothing}</span>
                </label>`,
              )}
            </fieldset>
            <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy || !this.chosen}>Upgrade</button></div>
          </form>`}
    `;
  }

  render() {
    const q = this.quota;
    return html`<radiant-modal heading=${q ? "Upgrade to add more" : "Upgrade your plan"} .open=${this.open}
      @radiant-close=${(e: Event) => { e.stopPropagation(); this.open = false; }}>
      <div data-testid="upgrade-prompt">
        ${q ? html`<p class="why" role="alert">${describe(q)}${typeof q.current === "number" && typeof q.limit === "number" ? ` (${q.current} of ${q.limit})` : ""}.</p>` : nothing}
        ${this.body()}
      </div>
    </radiant-modal>`;
  }
}
customElements.define("radiant-upgrade-prompt", RadiantUpgradePrompt);
