import { LitElement, css, html } from "lit";
import { api, type Schemas } from "../api/client";
import { describe, problemOf } from "../api/problem";
import { formatDateTime } from "../router";
import { base } from "./styles";

// The notifications bell (everyone): the unread count, kept current while the console is open, and
// a panel of the latest notifications (an approval waiting, a decision, a budget alert…) with their
// links; opening a notification's link marks it read, "Mark all read" clears the count.
type Notification = Schemas["NotificationOut"];
const POLL_MS = 30_000;
// Drawn, not an emoji: a machine without an emoji font shows a box for one.
const BELL = html`<svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9"/>
  <path d="M13.73 21a2 2 0 0 1-3.46 0"/></svg>`;
const SHOWN = 10;

export class RadiantNotificationsBell extends LitElement {
  static properties = { unread: { state: true }, open: { state: true }, items: { state: true }, error: { state: true } };
  static styles = [
    base,
    css`
      :host { position: relative; display: inline-block; }
      .bell { background: transparent; color: #fff; border-color: #94a3b8; display: inline-flex; align-items: center; }
      .count { background: #b42318; color: #fff; border-radius: 999px; padding: 0 0.45rem; margin-left: 0.35rem; font-size: 0.8rem; }
      .panel { position: absolute; right: 0; top: calc(100% + 0.5rem); width: min(24rem, 90vw); z-index: 50; color: var(--radiant-text);
        max-height: 70vh; overflow-y: auto; box-shadow: 0 8px 24px rgba(15, 23, 42, 0.25); }
      ul { list-style: none; margin: 0; padding: 0; }
      li { border-top: 1px solid var(--radiant-border); padding: 0.6rem 0; }
      li.unread strong::before { content: "● "; color: var(--radiant-accent); }
      .head { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; }
      a { color: var(--radiant-accent); }
    `,
  ];
  declare unread: number;
  declare open: boolean;
  declare items: Notification[];
  declare error: string;
  private timer: number | undefined;

  constructor() {
    super();
    this.unread = 0;
    this.open = false;
    this.items = [];
    this.error = "";
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.count();
    this.timer = window.setInterval(() => void this.count(), POLL_MS);
  }

  disconnectedCallback(): void {
    window.clearInterval(this.timer);
    super.disconnectedCallback();
  }

  private async count(): Promise<void> {
    const { data } = await api.GET("/api/v2/admin/notifications/unread-count").catch(() => ({ data: undefined }));
    if (data) this.unread = data.unreadCount;
  }

  private async toggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open) return;
    this.error = "";
    try {
      const { data, error, response } = await api.GET("/api/v2/admin/notifications", { params: { query: { limit: SHOWN } } });
      if (data) {
        this.items = data.notifications;
        this.unread = data.unreadCount;
      } else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = "The console could not reach the API.";
    }
  }

  private async readAll(): Promise<void> {
    const { data } = await api.POST("/api/v2/admin/notifications/read-all");
    if (data) {
      this.unread = 0;
      this.items = this.items.map((n) => ({ ...n, read: true }));
    }
  }

  private async read(n: Notification): Promise<void> {
    if (!n.read) await api.POST("/api/v2/admin/notifications/{notification_id}/read", { params: { path: { notification_id: n.id } } });
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && this.open) this.open = false;
  };

  render() {
    const label = this.unread ? `Notifications, ${this.unread} unread` : "Notifications";
    return html`<div @keydown=${this.onKey}>
      <button class="bell" type="button" aria-label=${label} aria-expanded=${this.open ? "true" : "false"} aria-controls="panel"
        @click=${() => void this.toggle()}>${BELL}${this.unread ? html`<span class="count" aria-hidden="true">${this.unread}</span>` : ""}</button>
      ${this.open
        ? html`<section id="panel" class="panel card" aria-label="Notifications">
            <div class="head"><h2>Notifications</h2>
              <button type="button" ?disabled=${this.unread === 0} @click=${() => void this.readAll()}>Mark all read</button></div>
            ${this.error ? html`<p role="alert">${this.error}</p>` : ""}
            ${this.items.length === 0 && !this.error ? html`<p class="muted">No notifications yet.</p>` : ""}
            <ul>
              ${this.items.map(
                (n) => html`<li class=${n.read ? "" : "unread"}>
                  <strong>${n.title}</strong>
                  <p>${n.message}</p>
                  <span class="muted">${formatDateTime(n.createdAt)}</span>
                  ${n.actionUrl ? html` · <a href=${n.actionUrl} @click=${() => void this.read(n)}>${n.actionLabel || "Open"}</a>` : ""}
                </li>`,
              )}
            </ul>
          </section>`
        : ""}
    </div>`;
  }
}
customElements.define("radiant-notifications-bell", RadiantNotificationsBell);
