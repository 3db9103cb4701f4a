import { LitElement, css, html } from "lit";
import { base } from "./styles";

// Toasts: short messages after an action, announced to screen readers (a polite live region).
export type ToastKind = "success" | "error" | "info";
interface Toast {
  id: number;
  message: string;
  kind: ToastKind;
}

const TOAST_EVENT = "radiant-toast";
const SHOWN_MS = 6000;

export function toast(message: string, kind: ToastKind = "info"): void {
  window.dispatchEvent(new CustomEvent(TOAST_EVENT, { detail: { message, kind } }));
}

export class RadiantToasts extends LitElement {
  static properties = { toasts: { state: true } };
  static styles = [
    base,
    css`
      :host { position: fixed; right: 1rem; bottom: 1rem; display: flex; flex-direction: column; gap: 0.5rem; z-index: 100; }
      .toast { background: #1b1f24; color: #fff; padding: 0.7rem 1rem; border-radius: 8px; min-width: 16rem; max-width: 28rem;
        display: flex; justify-content: space-between; gap: 1rem; align-items: center; }
      .toast.error { background: var(--radiant-danger); }
      .toast.success { background: var(--radiant-success); }
      .toast button { background: transparent; color: inherit; border-color: rgba(255, 255, 255, 0.6); padding: 0.1rem 0.5rem; }
    `,
  ];
  declare toasts: Toast[];
  private next = 1;

  constructor() {
    super();
    this.toasts = [];
  }

  private onToast = (e: Event) => {
    const { message, kind } = (e as CustomEvent<{ message: string; kind: ToastKind }>).detail;
    const id = this.next++;
    this.toasts = [...this.toasts, { id, message, kind }];
    window.setTimeout(() => this.dismiss(id), SHOWN_MS);
  };

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(TOAST_EVENT, this.onToast);
  }

  disconnectedCallback(): void {
    window.removeEventListener(TOAST_EVENT, this.onToast);
    super.disconnectedCallback();
  }

  private dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  render() {
    return html`<div role="status" aria-live="polite">
      ${this.toasts.map(
        (t) => html`<div class="toast ${t.kind}">
          <span>${t.message}</span><button type="button" aria-label="Dismiss" @click=${() => this.dismiss(t.id)}>×</button>
        </div>`,
      )}
    </div>`;
  }
}
customElements.define("radiant-toasts", RadiantToasts);
