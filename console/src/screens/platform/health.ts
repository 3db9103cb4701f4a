import { LitElement, css, html } from "lit";
import { api, type Schemas } from "../../api/client";
import { describe, problemOf } from "../../api/problem";
import { base } from "../../components/styles";
import { formatDateTime } from "../../preferences";
import { UNREACHABLE, count, markReady, statusBadge } from "./shared";
import "../../components/chart";
import "../../components/states";

// Seed 004's platform health (`saas-platform-health`), from GET /saas/health: each service's
// readiness and its dependencies, the outboxes, Kafka's consumer groups with their lag (a chart of
// the most lagging groups, every group in the table), the dead-letter queues and the SIEM sinks.
type Health = Schemas["PlatformHealth"];
/** The chart shows the groups lagging most; the table lists them all. */
const CHARTED_GROUPS = 12;

export class SaasPlatformHealth extends LitElement {
  static properties = { health: { state: true }, error: { state: true }, loading: { state: true } };
  static styles = [
    base,
    css`
      section { margin-bottom: 1rem; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.35rem 0.5rem; border-top: 1px solid var(--radiant-border); vertical-align: top; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      .scroll { max-height: 24rem; overflow: auto; }
    `,
  ];
  declare health: Health | null;
  declare error: string;
  declare loading: boolean;

  constructor() {
    super();
    this.health = null;
    this.error = "";
    this.loading = false;
  }

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    this.error = "";
    this.loading = true;
    try {
      const { data, error, response } = await api.GET("/api/v2/saas/health");
      if (data) this.health = data;
      else this.error = describe(await problemOf(response, error));
    } catch {
      this.error = UNREACHABLE;
    } finally {
      this.loading = false;
    }
  }

  protected updated(changed: Map<string, unknown>): void {
    if (changed.has("health") && this.health && changed.get("health") === null) markReady("platform-health");
  }

  private lagChart(h: Health) {
    const groups = [...(h.kafka.consumerGroups ?? [])].sort((a, b) => b.lag - a.lag).slice(0, CHARTED_GROUPS);
    return html`<radiant-chart heading="Consumer lag (the ${CHARTED_GROUPS} most lagging groups)" kind="bar" x-type="category"
      x-label="Consumer group" y-label="Records behind" .x=${groups.map((g) => g.group)} .series=${[{ label: "Lag", values: groups.map((g) => g.lag) }]}
      .formatValue=${(v: number) => count(Math.round(v))} empty-message="No consumer group is registered."></radiant-chart>`;
  }

  render() {
    if (this.error)
      return html`<h1>Platform health</h1><radiant-error-state .message=${this.error} @radiant-retry=${() => void this.load()}></radiant-error-state>`;
    const h = this.health;
    if (!h) return html`<h1>Platform health</h1><p role="status">Loading…</p>`;
    const groups = h.kafka.consumerGroups ?? [];
    const dlqs = h.kafka.deadLetterQueues ?? [];
    return html`
      <h1>Platform health ${statusBadge(h.healthy ? "ok" : "degraded", "platform-healthy")}</h1>
      <p class="muted">As of ${formatDateTime(h.generatedAt)} <button type="button" ?disabled=${this.loading} @click=${() => void this.load()}>Refresh</button></p>
      <section class="card" aria-labelledby="svc-h">
        <h2 id="svc-h">Services</h2>
        <table data-testid="services">
          <thead><tr><th scope="col">Service</th><th scope="col">Ready</th><th scope="col">Dependencies</th><th scope="col">Detail</th></tr></thead>
          <tbody>${h.services.map((s) => html`<tr><td>${s.service}</td><td>${statusBadge(s.ready ? "ok" : "not ready", "service-ready")}</td>
            <td>${Object.entries(s.checks).map(([dep, state]) => html`${dep}: ${statusBadge(state, "dependency")} `)}</td><td>${s.detail ?? ""}</td></tr>`)}</tbody>
        </table>
      </section>
      <section class="card" aria-labelledby="lag-h">
        <h2 id="lag-h">Kafka ${statusBadge(h.kafka.state, "kafka-state")}</h2>
        ${h.kafka.detail ? html`<p>${h.kafka.detail}</p>` : ""}
        ${this.lagChart(h)}
        ${groups.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-label="Every consumer group's lag"><table>
              <caption class="visually-hidden">Every consumer group's lag</caption>
              <thead><tr><th scope="col">Consumer group</th><th scope="col">Lag</th><th scope="col">Partitions</th></tr></thead>
              <tbody>${groups.map((g) => html`<tr><td><code>${g.group}</code></td><td class="n">${count(g.lag)}</td><td class="n">${g.partitions.length}</td></tr>`)}</tbody>
            </table></div>
            ${h.kafka.groupsTruncated ? html`<p class="muted">More groups exist than the API lists.</p>` : ""}`
          : ""}
      </section>
      <section class="card" aria-labelledby="outbox-h">
        <h2 id="outbox-h">Outboxes</h2>
        <table>
          <thead><tr><th scope="col">Service</th><th scope="col">State</th><th scope="col">Pending</th><th scope="col">Oldest pending</th><th scope="col">Dead-lettered</th></tr></thead>
          <tbody>${h.outboxes.map((o) => html`<tr><td>${o.service}</td><td>${statusBadge(o.state, "outbox-state")}</td>
            <td class="n">${count(o.pending)}${o.pendingCapped ? "+" : ""}</td>
            <td>${o.oldestPendingAgeSeconds === null || o.oldestPendingAgeSeconds === undefined ? "—" : `${o.oldestPendingAgeSeconds.toFixed(1)} s`}</td>
            <td class="n">${count(o.deadLettered)}</td></tr>`)}</tbody>
        </table>
      </section>
      <section class="card" aria-labelledby="dlq-h">
        <h2 id="dlq-h">Dead-letter queues</h2>
        ${dlqs.length
          ? html`<table><thead><tr><th scope="col">Topic</th><th scope="col">Depth</th></tr></thead>
              <tbody>${dlqs.map((d) => html`<tr><td><code>${d.topic}</code></td><td class="n">${count(d.depth)}</td></tr>`)}</tbody></table>`
          : html`<radiant-empty-state heading="No dead-letter queue" message="Kafka lists no dead-letter topic."></radiant-empty-state>`}
      </section>
      <section class="card" aria-labelledby="siem-h">
        <h2 id="siem-h">SIEM ${statusBadge(h.siem.state, "siem-state")}</h2>
        ${h.siem.detail ? html`<p>${h.siem.detail}</p>` : ""}
        ${(h.siem.sinks ?? []).length
          ? html`<table><thead><tr><th scope="col">Sink</th><th scope="col">State</th><th scope="col">Lag</th><th scope="col">Last delivery</th><th scope="col">Last error</th></tr></thead>
              <tbody>${(h.siem.sinks ?? []).map((s) => html`<tr><td>${s.name}</td><td>${s.state ?? "—"}</td><td class="n">${count(s.lag)}</td>
                <td>${formatDateTime(s.lastDeliveryAt)}</td><td>${s.lastError ?? ""}</td></tr>`)}</tbody></table>`
          : html`<radiant-empty-state heading="No SIEM sink is configured"></radiant-empty-state>`}
      </section>
    `;
  }
}
customElements.define("saas-platform-health", SaasPlatformHealth);
