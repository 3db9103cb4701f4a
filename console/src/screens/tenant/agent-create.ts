import { LitElement, html } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf, type Problem } from "../../api/problem";
import type { RadiantQuotaWarning } from "../../components/quota-warning";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import { navigate } from "../../router";
import { activeModels, configErrors, configFields, configFrom } from "./agent-form";
import "../../components/modal";
import "../../components/quota-warning";

// Seed 004's agent create modal (`saas-agent-create`): a new agent's configuration (version 1, stopped)
// with the field errors the API gives, under the agents quota; at the limit the API's quota problem
// opens the upgrade prompt. A created agent opens on its configuration page.
type Model = Schemas["ModelOut"];

export class SaasAgentCreate extends LitElement {
  static properties = { open: { type: Boolean }, problem: { state: true }, busy: { state: true }, models: { state: true } };
  static styles = [base];
  declare open: boolean;
  declare problem: Problem | null;
  declare busy: boolean;
  declare models: Model[] | null;
  private modelsAsked = false;

  constructor() {
    super();
    this.open = false;
    this.problem = null;
    this.busy = false;
    this.models = null;
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("open") && this.open) {
      void (this.renderRoot.querySelector("radiant-quota-warning") as RadiantQuotaWarning | null)?.refresh();
      if (!this.modelsAsked) {
        this.modelsAsked = true;
        void activeModels().then((m) => (this.models = m));
      }
    }
  }

  private close(): void {
    this.open = false;
    this.problem = null;
    this.dispatchEvent(new CustomEvent("radiant-close", { bubbles: true, composed: true }));
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    this.busy = true;
    try {
      const { data, error, response } = await api.POST("/api/v2/admin/agents", { body: configFrom(form) });
      if (!data) {
        this.problem = await problemOf(response, error);
        return;
      }
      toast(`Agent ${data.agent.name} created (stopped)`, "success");
      form.reset();
      this.close();
      navigate(`/agents/${data.agent.id}`);
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  render() {
    const errors = configErrors(this.problem);
    return html`<radiant-modal heading="Create an agent" .open=${this.open}
      @radiant-close=${(e: Event) => { if (e.target !== this) { e.stopPropagation(); this.close(); } }}>
      <radiant-quota-warning resource="agents"></radiant-quota-warning>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${configFields("agent-create", null, this.models, errors, false)}
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>Create agent</button></div>
      </form>
    </radiant-modal>`;
  }
}
customElements.define("saas-agent-create", SaasAgentCreate);
