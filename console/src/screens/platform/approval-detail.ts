import { LitElement, html, nothing } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, fieldErrors, problemOf, type Problem } from "../../api/problem";
import { field, formValues } from "../../components/form";
import { base } from "../../components/styles";
import { toast } from "../../components/toasts";
import { formatDateTime } from "../../preferences";
import { PLATFORM, UNREACHABLE, link, markReady, statusBadge } from "./shared";
import "../../components/modal";
import "../../components/states";

// One platform approval request (/console/platform/approvals/{id}): what it changes, who asked, its
// reviews and how it was carried out; Approve… / Reject… open the decision dialog. The operators'
// approval emails link here with `?decision=approve|reject`, which opens that dialog already chosen —
// nothing is decided until the operator submits it (never on opening a link).
type Approval = Schemas["ApprovalDetail"];
type Decision = "approve" | "reject";

function linkedDecision(): Decision | null {
  const chosen = new URLSearchParams(window.location.search).get("decision");
  return chosen === "approve" || chosen === "reject" ? chosen : null;
}

export class SaasPlatformApprovalDetail extends LitElement {
  static properties = { approvalId: {}, approval: { state: true }, error: { state: true }, deciding: { state: true }, problem: { state: true }, busy: { state: true } };
  static styles = [base];
  declare approvalId: string;
  declare approval: Approval | null;
  declare error: string;
  declare deciding: Decision | null;
  declare problem: Problem | null;
  declare busy: boolean;
  private linked = linkedDecision();

  constructor() {
    super();
    this.approvalId = "";
    this.approval = null;
    this.error = "";
    this.deciding = null;
    this.problem = null;
    this.busy = false;
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("approvalId") && this.approvalId) void this.load();
  }

  async load(): Promise<void> {
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/saas/approvals/{approval_id}", { params: { path: { approval_id: this.approvalId } } });
      if (data) {
        this.approval = data.approval;
        markReady("platform-approval-detail");
        // the emailed link's decision opens its dialog once, when the request can still be decided by me
        if (this.linked && data.approval.status === "pending" && data.approval.canApprove) this.deciding = this.linked;
        this.linked = null;
      } else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = UNREACHABLE;
    }
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const decision = this.deciding;
    if (!decision) return;
    const reason = formValues(e.target as HTMLFormElement).reason;
    const path = { params: { path: { approval_id: this.approvalId } } };
    this.busy = true;
    try {
      const { data, error, response } =
        decision === "approve"
          ? await api.POST("/api/v2/saas/approvals/{approval_id}/approve", { ...path, body: reason ? { reason } : {} })
          : await api.POST("/api/v2/saas/approvals/{approval_id}/reject", { ...path, body: { reason: reason ?? "" } });
      if (!data) {
        this.problem = await problemOf(response, error);
        return;
      }
      this.approval = { ...this.approval, ...data.approval } as Approval;
      this.deciding = null;
      this.problem = null;
      toast(decision === "approve" ? "Approved" : "Rejected", "success");
      await this.load();
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  private dialog() {
    const d = this.deciding;
    if (!d) return nothing;
    const errors = fieldErrors(this.problem);
    return html`<radiant-modal heading=${d === "approve" ? "Approve this request" : "Reject this request"} .open=${true}
      @radiant-close=${() => ((this.deciding = null), (this.problem = null))}>
      <form @submit=${this.submit} novalidate>
        ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
        ${field("op-decision", { label: d === "reject" ? "Reason" : "Reason (optional)", name: "reason", maxlength: 500, required: d === "reject", error: errors.reason })}
        <button class=${d === "approve" ? "primary" : "danger"} type="submit" ?disabled=${this.busy}>${d === "approve" ? "Approve" : "Reject"}</button>
      </form>
    </radiant-modal>`;
  }

  render() {
    const back = html`<p>${link(`${PLATFORM}/approvals`, "← Approvals")}</p>`;
    if (this.error) return html`${back}<radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const a = this.approval;
    if (!a) return html`${back}<p role="status">Loading…</p>`;
    return html`${back}
      <h1>${a.type.replace(/_/g, " ")}: ${a.action}</h1>
      <section class="card">
        <dl>
          <dt>Status</dt><dd>${statusBadge(a.status, "approval-status")}</dd>
          <dt>Resource</dt><dd class="mono">${a.resourceType} ${a.resourceId}</dd>
          <dt>Environment</dt><dd>${a.environment}</dd>
          <dt>Requested by</dt><dd>${a.requestedBy.name || a.requestedBy.email || a.requestedBy.id} · ${formatDateTime(a.requestedAt)}</dd>
          ${a.filedByService ? html`<dt>Filed by</dt><dd>${a.filedByService}</dd>` : ""}
          <dt>Expires</dt><dd>${formatDateTime(a.expiresAt)}</dd>
          <dt>Approvals</dt><dd>${a.approvalsReceived} of ${a.requiredApprovals}</dd>
          ${a.rejectedReason ? html`<dt>Reason for rejection</dt><dd>${a.rejectedReason}</dd>` : ""}
          <dt>Carried out</dt><dd data-testid="execution">${a.execution ? `${a.execution.status}${a.execution.service ? ` by ${a.execution.service}` : ""}${a.execution.error ? `: ${a.execution.error}` : ""}` : (a.executionStatus ?? "—")}</dd>
        </dl>
        <h2>Change</h2>
        <pre class="mono">${JSON.stringify(a.details, null, 2)}</pre>
        ${a.reviews.length
          ? html`<h2>Reviews</h2><ul>${a.reviews.map((r) => html`<li>${r.reviewer.name || r.reviewer.email || r.reviewer.id}: ${r.decision}${r.reason ? ` — ${r.reason}` : ""} (${formatDateTime(r.at)})</li>`)}</ul>`
          : ""}
        ${a.status === "pending"
          ? a.canApprove
            ? html`<div class="actions">
                <button class="primary" type="button" @click=${() => (this.deciding = "approve")}>Approve…</button>
                <button class="danger" type="button" @click=${() => (this.deciding = "reject")}>Reject…</button>
              </div>`
            : html`<p class="muted">This request waits for another operator's decision (never its requester's).</p>`
          : ""}
      </section>
      ${this.dialog()}`;
  }
}
customElements.define("saas-platform-approval-detail", SaasPlatformApprovalDetail);
