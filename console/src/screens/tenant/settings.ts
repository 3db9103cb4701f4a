import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf, type Problem } from "../../api/problem";
import { field } from "../../components/form";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import { BASE, formatDateTime, navigate } from "../../router";
import { UNREACHABLE, follow } from "./shared";
import "../../components/states";

// Seed 004's settings tabs (`saas-tenant-settings`, /console/settings/{tab}): one tab per group of
// the identity settings API — general, branding, security (MFA for everyone, session lifetime, the
// IP allow-list), agents (allowed models), data retention — and the budget alerts of billing's
// settings. A tab saves only its own group; the API's field errors land on their fields; in prod a
// security change waits for a second administrator's approval and the tab says so.
type Settings = Schemas["SettingsOut"];
type Update = Schemas["SettingsUpdate"];
type BillingSettings = Schemas["BillingSettingsOut"];
type BillingUpdate = Schemas["BillingSettingsUpdate"];

interface Tab {
  id: string;
  label: string;
}
export const SETTINGS_TABS: Tab[] = [
  { id: "general", label: "General" },
  { id: "branding", label: "Branding" },
  { id: "security", label: "Security" },
  { id: "agents", label: "Agents" },
  { id: "retention", label: "Data retention" },
  { id: "budget", label: "Budget alerts" },
];
const ENVIRONMENTS: Array<[string, string]> = [["dev", "Development"], ["staging", "Staging"], ["prod", "Production"]];

/** `body.security.ipAllowList.0` → `security.ipAllowList` (a grouped field), `body.budgetLimit` → `budgetLimit`. */
function errorsByField(problem: Problem | null, grouped: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const parts = e.field.replace(/^body\.?/, "").split(".");
    const name = grouped && parts.length > 1 ? parts.slice(0, 2).join(".") : parts[0] || "form";
    const item = parts.slice(grouped && parts.length > 1 ? 2 : 1).join(".");
    out[name] ??= item ? `${e.message} (entry ${Number(item) + 1 || item})` : e.message;
  }
  return out;
}

/** Lines of a textarea as a list (blank lines dropped). */
function lines(raw: FormDataEntryValue | null): string[] {
  return String(raw ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
}

function number(raw: FormDataEntryValue | null): number {
  const text = String(raw ?? "").trim();
  const n = Number(text);
  return (text !== "" && Number.isInteger(n) ? n : text) as number; // a non-number goes as typed: the API names it
}

function textArea(id: string, name: string, label: string, value: string, error: string | undefined, hint: string): TemplateResult {
  const control = `${id}-${name.replace(/\./g, "-")}`;
  return html`<div class="field">
    <label for=${control}>${label}</label>
    <textarea id=${control} name=${name} rows="5" .value=${value} aria-invalid=${error ? "true" : "false"}
      aria-describedby=${`${control}-hint${error ? ` ${control}-error` : ""}`}></textarea>
    <span class="hint" id=${`${control}-hint`}>${hint}</span>
    ${error ? html`<span class="error" id=${`${control}-error`}>${error}</span>` : nothing}
  </div>`;
}

function checkbox(id: string, name: string, label: string, checked: boolean, hint: string): TemplateResult {
  const control = `${id}-${name.replace(/\./g, "-")}`;
  return html`<div class="field check">
    <span><input type="checkbox" id=${control} name=${name} ?checked=${checked} aria-describedby=${`${control}-hint`} />
      <label for=${control}>${label}</label></span>
    <span class="hint" id=${`${control}-hint`}>${hint}</span>
  </div>`;
}

export class SaasTenantSettings extends LitElement {
  static properties = {
    tab: {},
    settings: { state: true },
    billing: { state: true },
    error: { state: true },
    billingError: { state: true },
    problem: { state: true },
    busy: { state: true },
    pending: { state: true },
  };
  static styles = [
    base,
    css`
      [role="tablist"] { display: flex; gap: 0.25rem; flex-wrap: wrap; border-bottom: 1px solid var(--radiant-border); margin-bottom: 1rem; }
      [role="tab"] { border: 1px solid transparent; border-bottom: none; border-radius: 6px 6px 0 0; background: transparent; }
      [role="tab"][aria-selected="true"] { border-color: var(--radiant-border); background: var(--radiant-surface); font-weight: 600; }
      .check span:first-child { display: flex; gap: 0.5rem; align-items: center; }
      form { max-width: 40rem; }
      a { color: var(--radiant-accent); }
    `,
  ];
  declare tab: string;
  declare settings: Settings | null;
  declare billing: BillingSettings | null;
  declare error: string;
  declare billingError: string;
  declare problem: Problem | null;
  declare busy: boolean;
  declare pending: { id: string; keys: string[] } | null;

  constructor() {
    super();
    this.tab = "general";
    this.settings = null;
    this.billing = null;
    this.error = "";
    this.billingError = "";
    this.problem = null;
    this.busy = false;
    this.pending = null;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (!SETTINGS_TABS.some((t) => t.id === this.tab)) this.tab = "general";
    if (changed.has("tab")) {
      this.problem = null;
      if (this.tab === "budget" && !this.billing) void this.loadBilling();
    }
  }

  async load(): Promise<void> {
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/settings");
      if (data) this.settings = data;
      else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = UNREACHABLE;
    }
  }

  private async loadBilling(): Promise<void> {
    this.billingError = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/billing/settings");
      if (data) this.billing = data;
      else this.billingError = describe(await problemOf(response, error));
    } catch {
      this.billingError = UNREACHABLE;
    }
  }

  private choose(id: string): void {
    navigate(`/settings/${id}`);
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = SETTINGS_TABS.findIndex((t) => t.id === this.tab);
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = SETTINGS_TABS[(i + step + SETTINGS_TABS.length) % SETTINGS_TABS.length];
    this.choose(next.id);
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`#tab-${next.id}`) as HTMLElement | null)?.focus());
  }

  /** The group the tab edits, from its form (only that group is sent). */
  private changeFrom(form: HTMLFormElement): Update {
    const d = new FormData(form);
    const text = (name: string) => String(d.get(name) ?? "").trim();
    switch (this.tab) {
      case "general":
        return { displayName: text("displayName") || null, defaultEnvironment: text("defaultEnvironment") as Update["defaultEnvironment"] };
      case "branding":
        return { branding: { logoUrl: text("branding.logoUrl") || null, primaryColor: text("branding.primaryColor") || null, accentColor: text("branding.accentColor") || null } };
      case "security":
        return {
          security: {
            mfaRequired: d.get("security.mfaRequired") === "on",
            sessionLifetimeHours: number(d.get("security.sessionLifetimeHours")),
            ipAllowList: lines(d.get("security.ipAllowList")),
          },
        };
      case "agents":
        return { agents: { allowedModels: lines(d.get("agents.allowedModels")) } };
      default:
        return { dataRetention: { usageDetailDays: number(d.get("dataRetention.usageDetailDays")), notificationDays: number(d.get("dataRetention.notificationDays")) } };
    }
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    this.busy = true;
    this.pending = null;
    try {
      if (this.tab === "budget") await this.saveBudget(form);
      else {
        const { data, error, response } = await api.PUT("/api/v2/admin/settings", { body: this.changeFrom(form) });
        if (!data) {
          this.problem = await problemOf(response, error);
          return;
        }
        this.problem = null;
        this.settings = data.settings;
        if (data.pendingApproval) {
          this.pending = { id: data.pendingApproval.id, keys: data.pendingKeys ?? [] };
          toast("The security change is waiting for approval", "info");
        } else toast(data.changedKeys.length ? "Settings saved" : "Nothing changed", "success");
      }
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private async saveBudget(form: HTMLFormElement): Promise<void> {
    const d = new FormData(form);
    const limit = String(d.get("budgetLimit") ?? "").trim();
    const body: BillingUpdate = {
      budgetLimit: limit === "" ? null : limit,
      alertThresholds: String(d.get("alertThresholds") ?? "").split(/[\s,]+/).filter(Boolean).map((t) => number(t)),
    };
    const { data, error, response } = await api.PUT("/api/v2/billing/settings", { body });
    if (!data) {
      this.problem = await problemOf(response, error);
      return;
    }
    this.problem = null;
    if ("approvalId" in data) {
      this.billing = data.current;
      this.pending = { id: data.approvalId, keys: Object.keys(data.requested ?? {}) };
      toast("The budget change is waiting for approval", "info");
    } else {
      this.billing = data;
      toast("Budget alerts saved", "success");
    }
  }

  private panel(): TemplateResult {
    const s = this.settings!;
    const id = `settings-${this.tab}`;
    const errors = errorsByField(this.problem, this.tab !== "general" && this.tab !== "budget");
    switch (this.tab) {
      case "general":
        return html`${field(id, { label: "Display name", name: "displayName", value: s.displayName ?? "", maxlength: 255, hint: "Empty: the tenant's own name", error: errors.displayName })}
          ${field(id, { label: "Default environment", name: "defaultEnvironment", value: s.defaultEnvironment, options: ENVIRONMENTS, error: errors.defaultEnvironment })}`;
      case "branding":
        return html`${field(id, { label: "Logo URL", name: "branding.logoUrl", type: "url", value: s.branding?.logoUrl ?? "", hint: "An https:// address", error: errors["branding.logoUrl"] })}
          ${field(id, { label: "Primary colour", name: "branding.primaryColor", value: s.branding?.primaryColor ?? "", hint: "#RRGGBB", error: errors["branding.primaryColor"] })}
          ${field(id, { label: "Accent colour", name: "branding.accentColor", value: s.branding?.accentColor ?? "", hint: "#RRGGBB", error: errors["branding.accentColor"] })}`;
      case "security":
        return html`${s.environment === "prod" ? html`<p class="muted">In production, a change here waits for another administrator's approval.</p>` : nothing}
          ${checkbox(id, "security.mfaRequired", "Require a second factor for everyone", s.security?.mfaRequired ?? false, "Every administrator signs in with an authenticator code")}
          ${field(id, { label: "Session lifetime (hours)", name: "security.sessionLifetimeHours", inputmode: "numeric", value: String(s.security?.sessionLifetimeHours ?? 336), hint: "1 to 720", error: errors["security.sessionLifetimeHours"] })}
          ${textArea(id, "security.ipAllowList", "IP allow-list", (s.security?.ipAllowList ?? []).join("\n"), errors["security.ipAllowList"], "One network a line in CIDR notation (203.0.113.0/24); empty admits every address")}`;
      case "agents":
        return textArea(id, "agents.allowedModels", "Allowed models", (s.agents?.allowedModels ?? []).join("\n"), errors["agents.allowedModels"], "One model id a line; empty allows every active model");
      case "retention":
        return html`${field(id, { label: "Usage detail (days)", name: "dataRetention.usageDetailDays", inputmode: "numeric", value: String(s.dataRetention?.usageDetailDays ?? 90), hint: "7 to 90; daily totals are kept", error: errors["dataRetention.usageDetailDays"] })}
          ${field(id, { label: "Notifications (days)", name: "dataRetention.notificationDays", inputmode: "numeric", value: String(s.dataRetention?.notificationDays ?? 90), hint: "7 to 365", error: errors["dataRetention.notificationDays"] })}`;
      default: {
        if (this.billingError) return html`<radiant-error-state .message=${this.billingError} @radiant-retry=${() => void this.loadBilling()}></radiant-error-state>`;
        const b = this.billing;
        if (!b) return html`<p role="status">Loading…</p>`;
        return html`${field(id, { label: `Monthly budget (${b.currency})`, name: "budgetLimit", inputmode: "decimal", value: b.budgetLimit ?? "", hint: "Empty: no budget", error: errors.budgetLimit })}
          ${field(id, { label: "Alert thresholds (% of the budget)", name: "alertThresholds", value: b.alertThresholds.join(", "), hint: "Comma-separated, e.g. 50, 80, 100: administrators are notified as spend crosses each", error: errors.alertThresholds })}`;
      }
    }
  }

  render() {
    if (this.error) return html`<h1>Settings</h1><radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const s = this.settings;
    if (!s) return html`<h1>Settings</h1><p role="status">Loading…</p>`;
    return html`<h1>Settings</h1>
      <div role="tablist" aria-label="Settings" @keydown=${this.onTabKey}>
        ${SETTINGS_TABS.map(
          (t) => html`<button type="button" role="tab" id=${`tab-${t.id}`} aria-selected=${t.id === this.tab ? "true" : "false"}
            aria-controls="panel" tabindex=${t.id === this.tab ? "0" : "-1"} @click=${() => this.choose(t.id)}>${t.label}</button>`,
        )}
      </div>
      <section role="tabpanel" id="panel" aria-labelledby=${`tab-${this.tab}`}>
        ${this.pending
          ? html`<p role="status" data-testid="settings-pending"><span class="badge warn">Waiting for approval</span>
              ${this.pending.keys.length ? html`(${this.pending.keys.join(", ")}) ` : nothing}
              <a href=${`${BASE}/approvals/${this.pending.id}`} @click=${(e: MouseEvent) => follow(e, `/approvals/${this.pending!.id}`)}>See the request</a></p>`
          : nothing}
        <form @submit=${this.save} novalidate>
          ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : nothing}
          ${this.panel()}
          <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>Save</button></div>
        </form>
        <p class="muted">Version ${s.version ?? 0}${s.updatedAt ? ` · changed ${formatDateTime(s.updatedAt)}${s.updatedBy ? ` by ${s.updatedBy}` : ""}` : ""} · ${s.environment}</p>
      </section>`;
  }
}
customElements.define("saas-tenant-settings", SaasTenantSettings);
