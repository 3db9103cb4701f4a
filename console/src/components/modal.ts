import { LitElement, css, html } from "lit";
import { base } from "./styles";

// A modal dialog on the native <dialog>: focus is trapped and Escape closes it (the browser's own
// behaviour). `open` shows it; closing fires `radiant-close`.
export class RadiantModal extends LitElement {
  static properties = { heading: {}, open: { type: Boolean, reflect: true } };
  static styles = [
    base,
    css`
      dialog { border: 1px solid var(--radiant-border); border-radius: 10px; padding: 1.5rem; width: min(32rem, 92vw); color: var(--radiant-text); }
      dialog::backdrop { background: rgba(15, 23, 42, 0.45); }
      header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin-bottom: 1rem; }
      header h2 { margin: 0; }
    `,
  ];
  declare heading: string;
  declare open: boolean;

  constructor() {
    super();
    this.heading = "";
    this.open = false;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector("dialog");
  }

  updated(): void {
    const d = this.dialog;
    if (!d) return;
    if (this.open && !d.open) d.showModal();
    if (!this.open && d.open) d.close();
  }

  private onClose = () => {
    this.open = false;
    this.dispatchEvent(new CustomEvent("radiant-close", { bubbles: true, composed: true }));
  };

  render() {
    return html`<dialog aria-labelledby="title" @close=${this.onClose}>
      <header>
        <h2 id="title">${this.heading}</h2>
        <button type="button" aria-label="Close" @click=${() => this.dialog?.close()}>×</button>
      </header>
      <slot></slot>
    </dialog>`;
  }
}
customElements.define("radiant-modal", RadiantModal);
