import { LitElement, html } from "lit";
import { api, type Schemas } from "../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../api/problem";
import { field, formValues } from "../components/form";
import { base } from "../components/styles";
import { toast } from "../components/toasts";
import { usePreferences } from "../preferences";
import { formatDateTime } from "../router";

// Profile and preferences (everyone): how dates, times and amounts are shown to me.
type Profile = Schemas["ProfileOut"];
type Update = Schemas["UpdateProfileRequest"];
const DATE_FORMATS: Array<[string, string]> = [
  ["MM/DD/YYYY", "MM/DD/YYYY"],
  ["DD/MM/YYYY", "DD/MM/YYYY"],
  ["YYYY-MM-DD", "YYYY-MM-DD"],
];
const TIME_FORMATS: Array<[string, string]> = [["12h", "12-hour"], ["24h", "24-hour"]];

export class RadiantProfile extends LitElement {
  static properties = { profile: { state: true }, problem: { state: true }, busy: { state: true }, error: { state: true } };
  static styles = [base];
  declare profile: Profile | null;
  declare problem: Problem | null;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.profile = null;
    this.problem = null;
    this.busy = false;
    this.error = "";
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/profile");
      if (data) this.profile = data.profile;
      else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = "The console could not reach the API.";
    }
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    const body: Update = {
      timezone: v.timezone as Update["timezone"],
      dateFormat: v.dateFormat as Update["dateFormat"],
      timeFormat: v.timeFormat as Update["timeFormat"],
      currency: v.currency,
    };
    this.busy = true;
    try {
      const { data, error, response } = await api.PUT("/api/v2/admin/profile", { body });
      if (!data) {
        this.problem = await problemOf(response, error);
        return;
      }
      this.problem = null;
      this.profile = data.profile;
      usePreferences(data.profile);
      toast("Preferences saved", "success");
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (this.error) return html`<h1>Profile and preferences</h1><radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const p = this.profile;
    if (!p) return html`<h1>Profile and preferences</h1><p role="status">Loading…</p>`;
    const errors = fieldErrors(this.problem);
    return html`<h1>Profile and preferences</h1>
      <section class="card">
        <form @submit=${this.save} novalidate>
          ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
          ${field("profile", { label: "Time zone", name: "timezone", value: p.timezone, error: errors.timezone, hint: "An IANA zone, e.g. Europe/Paris or UTC." })}
          ${field("profile", { label: "Date format", name: "dateFormat", value: p.dateFormat, options: DATE_FORMATS, error: errors.dateFormat })}
          ${field("profile", { label: "Time format", name: "timeFormat", value: p.timeFormat, options: TIME_FORMATS, error: errors.timeFormat })}
          ${field("profile", { label: "Currency", name: "currency", value: p.currency, maxlength: 3, error: errors.currency, hint: "Three letters, e.g. USD or EUR." })}
          <p class="muted">Dates will look like: <span data-testid="date-sample">${formatDateTime(p.updatedAt)}</span></p>
          <button class="primary" type="submit" ?disabled=${this.busy}>Save preferences</button>
        </form>
      </section>`;
  }
}
customElements.define("radiant-profile", RadiantProfile);
