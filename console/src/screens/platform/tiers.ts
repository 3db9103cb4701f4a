import { LitElement, css, html, nothing } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf, type Problem } from "../../api/problem";
import type { Column } from "../../components/data-table";
import { field, formValues } from "../../components/form";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import { UNREACHABLE, count, markReady, money } from "./shared";
import "../../components/data-table";
import "../../components/modal";

// Seed 004's subscription tiers editor (`saas-subscription-tiers`): billing's plan catalogue
// (GET/PUT /saas/subscriptions). Changing a tier's terms makes a new version: new subscriptions get it
// at once, existing ones from their next period — the form says so; the API's field errors show on
// their fields.
type Plan = Schemas["PlanOut"];
type PlanIn = Schemas["PlanIn"];
const LIMITS: Array<[keyof Schemas["PlanLimitsIn"], string]> = [
  ["maxUsers", "Users"],
  ["maxAgents", "Agents"],
  ["maxTokensPerMonth", "Tokens per month"],
  ["maxStorageGb", "Storage (GB)"],
];

function limit(n: number | null | undefined): string {
  return n === null || n === undefined ? "Unlimited" : count(n);
}

/** "USD 10.00, EUR 9.50" ⇄ {USD: "10.00", EUR: "9.50"} */
function pricesText(prices: Record<string, string | number>): string {
  return Object.entries(prices).map(([c, a]) => `${c} ${a}`).join(", ");
}

function parsePrices(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]{3})\s*[ =:]\s*([0-9]+(?:\.[0-9]{1,2})?)$/.exec(part);
    if (!m) return null;
    out[m[1].toUpperCase()] = m[2];
  }
  return out;
}

/** The API's field errors for the one plan sent ("body.plans.0.prices.USD" → "prices"). */
function planErrors(problem: Problem | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const name = e.field.replace(/^body\./, "").replace(/^plans(\.0)?\.?/, "").split(".")[0] || "plans";
    const key = name === "limits" ? e.field.split(".").pop() ?? name : name;
    out[key] ??= e.message;
  }
  return out;
}

export class SaasSubscriptionTiers extends LitElement {
  static properties = {
    plans: { state: true },
    loading: { state: true },
    error: { state: true },
    editing: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  static styles = [base, css`.checks { display: flex; gap: 1.5rem; margin-bottom: 0.9rem; } .limits { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }`];
  declare plans: Plan[];
  declare loading: boolean;
  declare error: string;
  /** The plan in the editor; a new one has no version. */
  declare editing: Partial<Plan> | null;
  declare problem: Problem | null;
  declare busy: boolean;

  constructor() {
    super();
    this.plans = [];
    this.loading = true;
    this.error = "";
    this.editing = null;
    this.problem = null;
    this.busy = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/saas/subscriptions");
      if (data) this.plans = data.plans;
      else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = UNREACHABLE;
    } finally {
      this.loading = false;
      markReady("subscription-tiers");
    }
  }

  private columns(): Column<Plan>[] {
    return [
      { label: "Tier", cell: (p) => html`<strong>${p.name}</strong> <code>${p.id}</code>${p.default ? html` <span class="badge ok">default</span>` : ""}` },
      { label: "Rank", cell: (p) => p.rank },
      { label: "Prices (monthly)", cell: (p) => Object.entries(p.prices).map(([c, a]) => money(a, c)).join(" · ") },
      { label: "Limits", cell: (p) => LIMITS.map(([k, l]) => `${l}: ${limit(p.limits[k])}`).join(" · ") },
      { label: "Offered", cell: (p) => (p.available ? "Yes" : "No") },
      { label: "Version", cell: (p) => html`<span data-testid="plan-version">${p.version}</span> of ${p.versions}` },
      { label: "", cell: (p) => html`<button type="button" aria-label=${`Edit ${p.name}`} @click=${() => this.edit(p)}>Edit</button>` },
    ];
  }

  private edit(plan: Partial<Plan> | null): void {
    this.editing = plan;
    this.problem = null;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    const existing = this.editing?.version !== undefined;
    const prices = parsePrices(v.prices ?? "");
    if (!prices) {
      this.problem = { status: 422, title: "Check the prices", errors: [{ field: "prices", message: "Write each price as a currency code and an amount, e.g. USD 10.00, EUR 9.50" }] };
      return;
    }
    const limits: Record<string, number | null> = {};
    for (const [k] of LIMITS) limits[k] = v[k] === undefined ? null : Number(v[k]);
    const plan: PlanIn = {
      id: existing ? (this.editing?.id ?? "") : (v.id ?? ""),
      name: v.name ?? "",
      description: v.description ?? null,
      rank: Number(v.rank ?? "0"),
      prices,
      limits,
      features: (v.features ?? "").split(",").map((f) => f.trim()).filter(Boolean),
      available: (form.elements.namedItem("available") as HTMLInputElement).checked,
      ...((form.elements.namedItem("default") as HTMLInputElement).checked ? { default: true } : {}),
    };
    this.busy = true;
    try {
      const { data, error, response } = await api.PUT("/api/v2/saas/subscriptions", { body: { plans: [plan] } });
      if (!data) {
        this.problem = await problemOf(response, error);
        return;
      }
      this.plans = data.plans;
      const saved = data.plans.find((p) => p.id === plan.id);
      toast(saved ? `${saved.name} saved (version ${saved.version})` : "Tier saved", "success");
      this.editing = null;
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private editor() {
    const p = this.editing;
    if (!p) return nothing;
    const existing = p.version !== undefined;
    const errors = planErrors(this.problem);
    return html`<radiant-modal heading=${existing ? `Edit ${p.name}` : "New tier"} .open=${true} @radiant-close=${() => (this.editing = null)}>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${existing ? html`<p class="muted">Changed terms make version ${(p.version ?? 0) + 1}: new subscriptions get it now, existing ones from their next period.</p>` : ""}
        ${existing ? "" : field("tier", { label: "Id", name: "id", required: true, maxlength: 64, error: errors.id, hint: "Lower-case letters, digits, - and _; cannot change later." })}
        ${field("tier", { label: "Name", name: "name", value: p.name ?? "", required: true, maxlength: 100, error: errors.name })}
        ${field("tier", { label: "Description", name: "description", value: p.description ?? "", maxlength: 500, error: errors.description })}
        ${field("tier", { label: "Rank", name: "rank", type: "number", value: String(p.rank ?? 0), required: true, error: errors.rank, hint: "Higher ranks are upgrades." })}
        ${field("tier", { label: "Monthly prices", name: "prices", value: pricesText(p.prices ?? { USD: "0.00" }), required: true, error: errors.prices, hint: "A USD price, and others if you like: USD 49.00, EUR 45.00" })}
        <fieldset class="limits"><legend>Limits (empty: unlimited)</legend>
          ${LIMITS.map(([k, l]) => field("tier", { label: l, name: k, type: "number", value: p.limits?.[k] === null || p.limits?.[k] === undefined ? "" : String(p.limits[k]), error: errors[k] }))}
        </fieldset>
        ${field("tier", { label: "Features", name: "features", value: (p.features ?? []).join(", "), error: errors.features, hint: "Comma-separated, e.g. sso, priority_support" })}
        <div class="checks">
          <label><input type="checkbox" name="available" ?checked=${p.available ?? true} /> Offered to tenants</label>
          <label><input type="checkbox" name="default" ?checked=${p.default ?? false} ?disabled=${p.default ?? false} /> Default tier</label>
        </div>
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>Save tier</button></div>
      </form>
    </radiant-modal>`;
  }

  render() {
    return html`
      <h1>Subscription tiers</h1>
      <div class="toolbar"><button class="primary" type="button" @click=${() => this.edit({})}>New tier</button></div>
      <radiant-data-table caption="The plan catalogue" .columns=${this.columns()} .rows=${this.plans} .loading=${this.loading} .error=${this.error}
        emptyHeading="No tiers yet" emptyMessage="Create the first tier; one of them is the default."
        @radiant-retry=${() => void this.load()}></radiant-data-table>
      ${this.editor()}
    `;
  }
}
customElements.define("saas-subscription-tiers", SaasSubscriptionTiers);
