import { LitElement, html } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../../api/problem";
import { field, formValues } from "../../components/form";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import "../../components/modal";

// Seed 004's tenant create modal (`saas-tenant-create`): a name, its environment and the email of its
// first super_admin (who gets the invitation). The API's field errors show on their fields.
type Created = Schemas["TenantCreatedOut"];
type Environment = Schemas["CreateTenantRequest"]["environment"];
const ENVIRONMENTS: Array<[string, string]> = [["dev", "Development"], ["staging", "Staging"], ["prod", "Production"]];

export class SaasTenantCreate extends LitElement {
  static properties = { open: { type: Boolean }, problem: { state: true }, busy: { state: true } };
  static styles = [base];
  declare open: boolean;
  declare problem: Problem | null;
  declare busy: boolean;

  constructor() {
    super();
    this.open = false;
    this.problem = null;
    this.busy = false;
  }

  private close(): void {
    this.open = false;
    this.problem = null;
    this.dispatchEvent(new CustomEvent("radiant-close", { bubbles: true, composed: true }));
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    this.busy = true;
    try {
      const { data, error, response } = await api.POST("/api/v2/saas/tenants", {
        body: {
          name: v.name ?? "",
          environment: (v.environment ?? "dev") as Environment,
          superAdminEmail: v.superAdminEmail ?? "",
          ...(v.appId ? { appId: v.appId } : {}),
        },
      });
      if (!data) {
        this.problem = await problemOf(response, error);
        return;
      }
      form.reset();
      toast(`Tenant ${data.tenant.name} created; the invitation went to ${v.superAdminEmail}`, "success");
      this.dispatchEvent(new CustomEvent<Created>("radiant-created", { detail: data, bubbles: true, composed: true }));
      this.close();
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  render() {
    const errors = fieldErrors(this.problem);
    return html`<radiant-modal heading="Create a tenant" .open=${this.open}
      @radiant-close=${(e: Event) => { if (e.target !== this) { e.stopPropagation(); this.close(); } }}>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${field("tenant-create", { label: "Name", name: "name", required: true, maxlength: 255, autocomplete: "off", error: errors.name })}
        ${field("tenant-create", { label: "Environment", name: "environment", value: "dev", options: ENVIRONMENTS, error: errors.environment })}
        ${field("tenant-create", { label: "First super admin's email", name: "superAdminEmail", type: "email", required: true, autocomplete: "off", error: errors.superAdminEmail, hint: "They receive the invitation to set up the tenant." })}
        ${field("tenant-create", { label: "App id (optional)", name: "appId", autocomplete: "off", error: errors.appId, hint: "Lower-case letters, digits, - and _; the platform's app when left empty." })}
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>Create tenant</button></div>
      </form>
    </radiant-modal>`;
  }
}
customElements.define("saas-tenant-create", SaasTenantCreate);
