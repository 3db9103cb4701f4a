import { LitElement, html } from "lit";
import { api, type Schemas } from "../api/client";
import { decide, stepUp } from "../api/decisions";
import { describe, fieldErrors, problemOf, type Problem } from "../api/problem";
import type { Column, PageDirection } from "../components/data-table";
import { field, formValues } from "../components/form";
import { base } from "../components/styles";
import { toast } from "../components/toasts";
import { BASE, formatDateTime, navigate } from "../router";
import "../components/data-table";
import "../components/modal";

// The approvals inbox: what waits for me (or every request), approve or reject with a reason, and
// how each decided request was carried out. A decision needs a fresh second factor in production:
// when the API asks for one (step-up), the dialog asks for a code and the decision is sent again.
type Approval = Schemas["ApprovalSummary"];
type Decision = { approval: Approval; action: "approve" | "reject" };
const PAGE = 20;

export class SaasApprovals extends LitElement {
  static properties = {
    rows: { state: true },
    offset: { state: true },
    hasMore: { state: true },
    loading: { state: true },
    error: { state: true },
    mine: { state: true },
    deciding: { state: true },
    problem: { state: true },
    needCode: { state: true },
    busy: { state: true },
  };
  static styles = [base];
  /** Loads started; only the latest one's answer is shown. */
  private loads = 0;
  declare rows: Approval[];
  declare offset: number;
  declare hasMore: boolean;
  declare loading: boolean;
  declare error: string;
  declare mine: boolean;
  declare deciding: Decision | null;
  declare problem: Problem | null;
  declare needCode: boolean;
  declare busy: boolean;

  constructor() {
    super();
    this.rows = [];
    this.offset = 0;
    this.hasMore = false;
    this.loading = false;
    this.error = "";
    this.mine = true;
    this.deciding = null;
    this.problem = null;
    this.needCode = false;
    this.busy = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    const seq = ++this.loads;
    this.loading = true;
    this.error = "";
    try {
      const query = this.mine
        ? { pendingForMe: true, status: "pending" as const, limit: PAGE, offset: this.offset }
        : { limit: PAGE, offset: this.offset };
      const { data, error, response } = await api.GET("/api/v2/admin/approvals", { params: { query } });
      if (seq !== this.loads) return; // a later load (new filters or page) answers instead
      if (data) {
        this.rows = data.approvals;
        this.hasMore = data.pagination.hasMore;
      } else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = "The console could not reach the API.";
    } finally {
      if (seq === this.loads) this.loading = false;
    }
  }

  private columns(): Column<Approval>[] {
    return [
      {
        label: "Request",
        cell: (a) => html`<a href=${`${BASE}/approvals/${a.id}`} @click=${(e: MouseEvent) => { e.preventDefault(); navigate(`/approvals/${a.id}`); }}
          ><strong>${a.type}</strong> · ${a.action}</a><br /><span class="muted mono">${a.resourceType} ${a.resourceId}</span>`,
      },
      { label: "Requested by", cell: (a) => a.requestedBy.name || a.requestedBy.email || a.requestedBy.id || "—" },
      { label: "Requested", cell: (a) => formatDateTime(a.requestedAt) },
      { label: "Expires", cell: (a) => formatDateTime(a.expiresAt) },
      { label: "Status", cell: (a) => html`<span class="badge ${a.status === "approved" ? "ok" : a.status === "pending" ? "warn" : "bad"}">${a.status}</span>
          ${a.requiredApprovals > 1 ? html`<span class="muted">${a.approvalsReceived}/${a.requiredApprovals}</span>` : ""}` },
      { label: "Carried out", cell: (a) => a.executionStatus ?? "—" },
      {
        label: "Decision",
        cell: (a) =>
          a.canApprove && a.status === "pending"
            ? html`<div class="actions">
                <button class="primary" type="button" aria-label=${`Approve ${a.type} ${a.resourceId}`} @click=${() => this.open(a, "approve")}>Approve</button>
                <button type="button" aria-label=${`Reject ${a.type} ${a.resourceId}`} @click=${() => this.open(a, "reject")}>Reject</button>
              </div>`
            : "—",
      },
    ];
  }

  private open(approval: Approval, action: Decision["action"]): void {
    this.deciding = { approval, action };
    this.problem = null;
    this.needCode = false;
  }

  private close(): void {
    this.deciding = null;
    this.problem = null;
    this.needCode = false;
  }

  private async decide(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const decision = this.deciding;
    if (!decision) return;
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
      const problem = await decide(decision.approval.id, decision.action, v.reason);
      if (problem) {
        this.needCode = Boolean(problem.needsCode);
        this.problem = problem;
        return;
      }
      toast(decision.action === "approve" ? "Approved" : "Rejected", "success");
      this.close();
      void this.load();
    } catch {
      this.problem = { status: 0, title: "The console could not reach the API; try again." };
    } finally {
      this.busy = false;
    }
  }

  render() {
    const d = this.deciding;
    const errors = fieldErrors(this.problem);
    return html`
      <h1>Approvals</h1>
      <div class="toolbar" role="group" aria-label="Show">
        <button type="button" aria-pressed=${this.mine ? "true" : "false"} @click=${() => { this.mine = true; this.offset = 0; void this.load(); }}>Waiting for me</button>
        <button type="button" aria-pressed=${this.mine ? "false" : "true"} @click=${() => { this.mine = false; this.offset = 0; void this.load(); }}>All requests</button>
      </div>
      <radiant-data-table
        caption=${this.mine ? "Requests waiting for your decision" : "All approval requests"}
        .columns=${this.columns()}
        .rows=${this.rows}
        .loading=${this.loading}
        .error=${this.error}
        .canPrevious=${this.offset > 0}
        .canNext=${this.hasMore}
        emptyHeading=${this.mine ? "Nothing waits for you" : "No approval requests"}
        emptyMessage=${this.mine ? "Requests another administrator files appear here." : ""}
        @radiant-page=${(e: CustomEvent<{ direction: PageDirection }>) => {
          this.offset = Math.max(0, this.offset + (e.detail.direction === "next" ? PAGE : -PAGE));
          void this.load();
        }}
        @radiant-retry=${() => void this.load()}
      ></radiant-data-table>
      <radiant-modal heading=${d ? `${d.action === "approve" ? "Approve" : "Reject"} ${d.approval.type}` : ""} .open=${d !== null}
        @radiant-close=${() => this.close()}>
        ${d
          ? html`<form @submit=${this.decide} novalidate>
              <p>${d.approval.action} · <span class="mono">${d.approval.resourceType} ${d.approval.resourceId}</span></p>
              ${this.problem ? html`<p class="form-error" role="alert">${describe(this.problem)}</p>` : ""}
              ${field("decide", {
                label: d.action === "reject" ? "Reason" : "Reason (optional)",
                name: "reason",
                maxlength: 500,
                required: d.action === "reject",
                error: errors.reason,
              })}
              ${this.needCode ? field("decide", { label: "Authenticator code", name: "code", autocomplete: "one-time-code", inputmode: "numeric", error: errors.code }) : ""}
              <div class="actions">
                <button class=${d.action === "approve" ? "primary" : "danger"} type="submit" ?disabled=${this.busy}>
                  ${d.action === "approve" ? "Approve" : "Reject"}
                </button>
              </div>
            </form>`
          : ""}
      </radiant-modal>
    `;
  }
}
customElements.define("saas-approvals", SaasApprovals);
