import { LitElement, css, html, type TemplateResult } from "lit";
import { base } from "./styles";
import "./states";

// A table over one page of a server-side list. The screen owns the paging (offset or cursor: the
// API decides) and answers `radiant-page` {direction: "next" | "previous"}; the table shows the
// page, its loading, empty and error states, and the Previous / Next controls.
export interface Column<Row> {
  label: string;
  cell: (row: Row) => TemplateResult | string | number;
}

export type PageDirection = "next" | "previous";

export class RadiantDataTable<Row = unknown> extends LitElement {
  static properties = {
    caption: {},
    columns: { attribute: false },
    rows: { attribute: false },
    loading: { type: Boolean },
    error: {},
    canPrevious: { type: Boolean },
    canNext: { type: Boolean },
    emptyHeading: {},
    emptyMessage: {},
    rowKey: { attribute: false },
  };
  static styles = [
    base,
    css`
      :host { display: block; }
      .scroll { overflow-x: auto; background: var(--radiant-surface); border: 1px solid var(--radiant-border); border-radius: 8px; }
      table { border-collapse: collapse; width: 100%; }
      caption { text-align: left; padding: 0.75rem 1rem; font-weight: 600; }
      th, td { text-align: left; padding: 0.55rem 1rem; border-top: 1px solid var(--radiant-border); vertical-align: top; }
      th { background: #eef1f5; font-size: 0.85rem; }
      .pager { display: flex; justify-content: flex-end; gap: 0.5rem; margin-top: 0.75rem; align-items: center; }
      .loading { padding: 1rem; }
    `,
  ];
  declare caption: string;
  declare columns: Column<Row>[];
  declare rows: Row[];
  declare loading: boolean;
  declare error: string;
  declare canPrevious: boolean;
  declare canNext: boolean;
  declare emptyHeading: string;
  declare emptyMessage: string;

  constructor() {
    super();
    this.caption = "";
    this.columns = [];
    this.rows = [];
    this.loading = false;
    this.error = "";
    this.canPrevious = false;
    this.canNext = false;
    this.emptyHeading = "Nothing here yet";
    this.emptyMessage = "";
  }

  private page(direction: PageDirection): void {
    this.dispatchEvent(new CustomEvent("radiant-page", { detail: { direction }, bubbles: true, composed: true }));
  }

  render() {
    if (this.error) return html`<radiant-error-state .message=${this.error}></radiant-error-state>`;
    if (this.loading && this.rows.length === 0) return html`<p class="loading" role="status">Loading…</p>`;
    if (this.rows.length === 0 && !this.canPrevious)
      return html`<radiant-empty-state .heading=${this.emptyHeading} .message=${this.emptyMessage}></radiant-empty-state>`;
    return html`
      <div class="scroll" aria-busy=${this.loading ? "true" : "false"}>
        <table>
          ${this.caption ? html`<caption>${this.caption}</caption>` : ""}
          <thead><tr>${this.columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
          <tbody>${this.rows.map((r) => html`<tr>${this.columns.map((c) => html`<td>${c.cell(r)}</td>`)}</tr>`)}</tbody>
        </table>
      </div>
      <nav class="pager" aria-label="Pages">
        <button type="button" ?disabled=${!this.canPrevious || this.loading} @click=${() => this.page("previous")}>Previous</button>
        <button type="button" ?disabled=${!this.canNext || this.loading} @click=${() => this.page("next")}>Next</button>
      </nav>
    `;
  }
}
customElements.define("radiant-data-table", RadiantDataTable);
