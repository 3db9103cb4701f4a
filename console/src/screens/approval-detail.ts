import { LitElement, html } from "lit";
import { api, type Schemas } from "../api/client";
import { decide, stepUp, type Action } from "../api/decisions";
import { describe, fieldErrors, problemOf, type Problem } from "../api/problem";
import { field, formValues } from "../components/form";
import { base } from "../components/styles";
import { toast } from "../components/toasts";
import { BASE, formatDateTime, navigate } from "../router";
import "../components/states";

// One approval request: what it changes, who asked, its reviews and how it was carried out; the
// decision when it waits for mine. The page approval emails and notifications link to
// (`/console/approvals/<id>?decision=approve|reject` opens with that decision chosen and the reason
// field focused — nothing is decided until the person submits; `?action=` from older emails too).
type Approval = Schemas["ApprovalDetail"];

/** The decision an emailed link chose (`?decision=`, or `?action=` in links sent before), if any. */
function chosenDecision(): Action | null {
  const query = new URLSearchParams(window.location.search);
  const chosen = query.get("decision") ?? query.get("action");
  return chosen === "approve" || chosen === "reject" ? chosen : null;
}

export class RadiantApprovalDetail extends LitElement {
  static properties = {
    approvalId: {},
    approval: { state: true },
    error: { state: true },
    action: { state: true },
    problem: { state: true },
    needCode: { state: true },
    busy: { state: true },
  };
  static styles = [base];
  declare approvalId: string;
  declare approval: Approval | null;
  declare error: string;
  declare action: Action;
  declare problem: Problem | null;
  declare needCode: boolean;
  declare busy: boolean;

  constructor() {
    super();
    this.approvalId = "";
    this.approval = null;
    this.error = "";
    this.action = chosenDecision() ?? "approve";
    this.problem = null;
    this.needCode = false;
    this.busy = false;
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("approvalId") && this.approvalId) void this.load();
  }

  updated(changed: Map<string, unknown>): void {
    // A link from an email chose the decision: once the form is there, it has the focus.
    if (changed.has("approval") && changed.get("approval") === null && this.approval && chosenDecision()) {
      this.renderRoot.querySelector<HTMLElement>("#decision-reason")?.focus();
    }
  }

  async load(): Promise<void> {
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/approvals/{approval_id}", {
        params: { path: { approval_id: this.approvalId } },
      });
      if (data) this.approval = data.approval;
      else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = "The console could not reach the API.";
    }
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    this.busy = true;
    try {
      if (this.needCode) {
        const refused = await stepUp(v.code ?? "");
        if (refused) {
          this.problem = refused;
          return;
        }
        this.needCode = false;
      }
      const problem = await decide(this.approvalId, this.action, v.reason);
      if (problem) {
        this.needCode = Boolean(problem.needsCode);
        this.problem = problem;
        return;
      }
      this.problem = null;
      toast(this.action === "approve" ? "Approved" : "Rejected", "success");
      await this.load();
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private decision(a: Approval) {
    if (a.status !== "pending") return "";
    if (!a.canApprove) return html`<p class="muted">This request waits for another administrator's decision.</p>`;
    const errors = fieldErrors(this.problem);
    return html`<h2>Your decision</h2>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${field("decision", { label: "Decision", name: "action", value: this.action, options: [["approve", "Approve"], ["reject", "Reject"]] })}
        ${field("decision", {
          label: this.action === "reject" ? "Reason" : "Reason (optional)",
          name: "reason",
          maxlength: 500,
          required: this.action === "reject",
          error: errors.reason,
        })}
        ${this.needCode ? field("decision", { label: "Authenticator code", name: "code", autocomplete: "one-time-code", inputmode: "numeric", error: errors.code }) : ""}
        <button class=${this.action === "approve" ? "primary" : "danger"} type="submit" ?disabled=${this.busy}>
          ${this.action === "approve" ? "Approve" : "Reject"}
        </button>
      </form>`;
  }

  render() {
    const back = html`<p><a href=${`${BASE}/approvals`} @click=${(e: MouseEvent) => { e.preventDefault(); navigate("/approvals"); }}>← Approvals</a></p>`;
    if (this.error) return html`${back}<radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const a = this.approval;
    if (!a) return html`${back}<p role="status">Loading…</p>`;
    return html`${back}
      <h1>${a.type}: ${a.action}</h1>
      <section class="card" @change=${(e: Event) => {
        const t = e.target as HTMLSelectElement;
        if (t.name === "action") this.action = t.value as Action;
      }}>
        <dl>
          <dt>Status</dt><dd><span class="badge ${a.status === "approved" ? "ok" : a.status === "pending" ? "warn" : "bad"}" data-testid="approval-status">${a.status}</span></dd>
          <dt>Resource</dt><dd class="mono">${a.resourceType} ${a.resourceId}</dd>
          <dt>Environment</dt><dd>${a.environment}</dd>
          <dt>Requested by</dt><dd>${a.requestedBy.name || a.requestedBy.email || a.requestedBy.id} · ${formatDateTime(a.requestedAt)}</dd>
          <dt>Expires</dt><dd>${formatDateTime(a.expiresAt)}</dd>
          <dt>Approvals</dt><dd>${a.approvalsReceived} of ${a.requiredApprovals}</dd>
          ${a.rejectedReason ? html`<dt>Reason for rejection</dt><dd>${a.rejectedReason}</dd>` : ""}
          <dt>Carried out</dt><dd data-testid="execution">${a.execution ? `${a.execution.status}${a.execution.service ? ` by ${a.execution.service}` : ""}${a.execution.error ? `: ${a.execution.error}` : ""}` : (a.executionStatus ?? "—")}</dd>
        </dl>
        <h2>Change</h2>
        <pre class="mono">${JSON.stringify(a.details, null, 2)}</pre>
        ${(a.reviews ?? []).length
          ? html`<h2>Reviews</h2><ul>${(a.reviews ?? []).map((r) => html`<li>${r.reviewer.name || r.reviewer.id}: ${r.decision}${r.reason ? ` — ${r.reason}` : ""} (${formatDateTime(r.at)})</li>`)}</ul>`
          : ""}
        ${this.decision(a)}
      </section>`;
  }
}
customElements.define("radiant-approval-detail", RadiantApprovalDetail);
