import { LitElement, css, html } from "lit";
import { base } from "./styles";

// What every list shows when it has nothing (an empty state) or could not load (an error state
// with a retry that fires `radiant-retry`).
export class RadiantEmptyState extends LitElement {
  static properties = { heading: {}, message: {} };
  static styles = [base, css`:host { display: block; text-align: center; padding: 2rem 1rem; }`];
  declare heading: string;
  declare message: string;

  constructor() {
    super();
    this.heading = "Nothing here yet";
    this.message = "";
  }

  render() {
    return html`<div class="card" data-state="empty">
      <h2>${this.heading}</h2>
      ${this.message ? html`<p class="muted">${this.message}</p>` : ""}
      <slot></slot>
    </div>`;
  }
}
customElements.define("radiant-empty-state", RadiantEmptyState);

export class RadiantErrorState extends LitElement {
  static properties = { message: {} };
  static styles = [base, css`:host { display: block; padding: 1rem 0; } .card { border-color: var(--radiant-danger); }`];
  declare message: string;

  constructor() {
    super();
    this.message = "";
  }

  render() {
    return html`<div class="card" role="alert" data-state="error">
      <h2>Could not load this</h2>
      <p>${this.message}</p>
      <button type="button" @click=${() => this.dispatchEvent(new CustomEvent("radiant-retry", { bubbles: true, composed: true }))}>
        Try again
      </button>
    </div>`;
  }
}
customElements.define("radiant-error-state", RadiantErrorState);
