/// <reference types="vite/client" />
import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues } from "lit";
import type uPlot from "uplot";
import { base } from "./styles";
import { formatDate, formatDateTime, preferences } from "../preferences";
import "./states";

// A chart over data the screen already has: lines or stacked bars (uPlot, loaded on first use so it
// stays out of the initial bundle), axis labels, a legend, optional horizontal thresholds (a budget's
// alert levels), and the same numbers as a visually hidden table with a one-line summary, so a
// screen reader (or a machine without canvas) reads what the picture shows. No data: an empty state.
//
//   <radiant-chart heading="Tokens per day" kind="bar" x-type="day" .x=${days}
//     .series=${[{ label: "gpt-4o", values: [...] }]} y-label="Tokens"></radiant-chart>

export interface ChartSeries {
  label: string;
  /** One value per x; null where there is none (a gap, or nothing stacked). */
  values: (number | null)[];
}

export interface ChartThreshold {
  label: string;
  value: number;
}

/** "day": calendar days the API counts in UTC ("2026-12-01"); "time": instants; "category": labels. */
export type ChartXType = "day" | "time" | "category";
export type ChartKind = "line" | "bar";

// Distinguishable on white and for the common colour-vision deficiencies (Okabe–Ito, darkened).
const PALETTE = ["#0b62a4", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56b4e9", "#6b4c9a", "#555555"];
const THRESHOLD_COLOUR = "#b42318";
const AXIS_COLOUR = "#334155";
const GRID_COLOUR = "#e2e8f0";

type UPlotModule = typeof uPlot;
let loading: Promise<{ UPlot: UPlotModule; css: string }> | null = null;

/** uPlot and its stylesheet, fetched once for every chart on the page. */
function loadUPlot(): Promise<{ UPlot: UPlotModule; css: string }> {
  loading ??= Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css?inline")]).then(([lib, style]) => ({
    UPlot: lib.default,
    css: style.default,
  }));
  return loading;
}

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** A label cut to `max` characters, with an ellipsis. */
function short(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export class RadiantChart extends LitElement {
  static properties = {
    heading: {},
    kind: {},
    xType: { attribute: "x-type" },
    xLabel: { attribute: "x-label" },
    yLabel: { attribute: "y-label" },
    x: { attribute: false },
    series: { attribute: false },
    thresholds: { attribute: false },
    formatValue: { attribute: false },
    emptyMessage: { attribute: "empty-message" },
    height: { type: Number },
    failed: { state: true },
  };
  static styles = [
    base,
    css`
      :host { display: block; }
      figure { margin: 0; }
      figcaption { font-weight: 600; margin-bottom: 0.5rem; }
      .plot { position: relative; width: 100%; min-height: 2rem; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; list-style: none; margin: 0.5rem 0 0; padding: 0; font-size: 0.85rem; }
      .legend li { display: inline-flex; align-items: center; gap: 0.35rem; }
      .swatch { width: 0.85rem; height: 0.85rem; border-radius: 2px; display: inline-block; }
      ${unsafeCSS(PALETTE.map((c, i) => `.swatch.s${i} { background: ${c}; }`).join("\n"))}
      .swatch.threshold { height: 0; border-top: 2px dashed ${unsafeCSS(THRESHOLD_COLOUR)}; border-radius: 0; }
      .summary { margin: 0.25rem 0 0; font-size: 0.85rem; }
    `,
  ];
  declare heading: string;
  declare kind: ChartKind;
  declare xType: ChartXType;
  declare xLabel: string;
  declare yLabel: string;
  declare x: (string | number)[];
  declare series: ChartSeries[];
  declare thresholds: ChartThreshold[];
  declare formatValue: (value: number) => string;
  declare emptyMessage: string;
  declare height: number;
  declare failed: boolean;
  private plot: uPlot | null = null;
  private resizer: ResizeObserver | null = null;
  private drawing = 0;

  constructor() {
    super();
    this.heading = "";
    this.kind = "line";
    this.xType = "day";
    this.xLabel = "";
    this.yLabel = "";
    this.x = [];
    this.series = [];
    this.thresholds = [];
    this.formatValue = (v) => numberFormat.format(v);
    this.emptyMessage = "There is no data for this period yet.";
    this.height = 240;
    this.failed = false;
  }

  /** True when there is nothing to draw: no x, no series, or every value missing. */
  get empty(): boolean {
    return this.x.length === 0 || !this.series.some((s) => s.values.some((v) => v !== null && v !== undefined));
  }

  disconnectedCallback(): void {
    this.teardown();
    super.disconnectedCallback();
  }

  protected updated(changed: PropertyValues): void {
    const drawn = ["x", "series", "thresholds", "kind", "xType", "height", "yLabel", "xLabel", "formatValue"];
    if (drawn.some((p) => changed.has(p))) void this.draw();
  }

  /** The label of the i-th x as the person reads it (their date order and time zone). */
  private xText(i: number): string {
    const value = this.x[i];
    if (this.xType === "category") return String(value);
    if (this.xType === "day") return formatDate(typeof value === "string" && value.length === 10 ? `${value}T00:00:00Z` : value, "UTC");
    return formatDateTime(typeof value === "number" ? new Date(value).toISOString() : value);
  }

  /** Seconds since the epoch for a time axis (uPlot's unit). */
  private xSeconds(value: string | number): number {
    if (typeof value === "number") return value / 1000;
    return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) / 1000;
  }

  /** Bars, days and categories sit on evenly spaced slots (one per day); instants on a time axis. */
  private get indexed(): boolean {
    return this.kind === "bar" || this.xType !== "time";
  }

  /** What the picture shows in one sentence: the range and each series' total and peak. */
  private summary(): string {
    const span = this.x.length === 1 ? this.xText(0) : `${this.xText(0)} to ${this.xText(this.x.length - 1)}`;
    const parts = this.series.map((s) => {
      const present = s.values.filter((v): v is number => v !== null && v !== undefined);
      const peak = present.length ? Math.max(...present) : 0;
      const total = present.reduce((a, b) => a + b, 0);
      return this.kind === "bar"
        ? `${s.label}: total ${this.formatValue(total)}, highest ${this.formatValue(peak)}`
        : `${s.label}: highest ${this.formatValue(peak)}, latest ${present.length ? this.formatValue(present[present.length - 1]) : "none"}`;
    });
    const limits = this.thresholds.map((t) => `${t.label} at ${this.formatValue(t.value)}`);
    return [`${this.heading} (${span}).`, parts.join("; ") + ".", limits.length ? `Thresholds: ${limits.join(", ")}.` : ""].join(" ").trim();
  }

  /** The series as uPlot draws them: stacked bars are cumulative and drawn tallest first. */
  private drawnSeries(): { label: string; colour: string; values: (number | null)[] }[] {
    const coloured = this.series.map((s, i) => ({ label: s.label, colour: PALETTE[i % PALETTE.length], values: s.values }));
    if (this.kind !== "bar") return coloured;
    const running = this.x.map(() => 0);
    const stacked = coloured.map((s) => ({
      ...s,
      values: this.x.map((_, i) => {
        running[i] += s.values[i] ?? 0;
        return running[i];
      }),
    }));
    return stacked.reverse();
  }

  private async draw(): Promise<void> {
    const attempt = ++this.drawing;
    if (this.empty) {
      this.teardown();
      return;
    }
    let lib: { UPlot: UPlotModule; css: string };
    try {
      lib = await loadUPlot();
    } catch {
      this.failed = true; // the table and summary still tell the numbers
      return;
    }
    await this.updateComplete;
    const holder = this.renderRoot.querySelector<HTMLElement>(".plot");
    if (attempt !== this.drawing || !holder) return;
    this.teardown();
    this.adoptUPlotStyle(lib.css);
    const { UPlot } = lib;
    const shown = this.drawnSeries();
    const xs = this.indexed ? this.x.map((_, i) => i) : this.x.map((v) => this.xSeconds(v));
    const data = [xs, ...shown.map((s) => s.values)] as uPlot.AlignedData;
    const bars = UPlot.paths.bars?.({ size: [0.7, 64], gap: 1 });
    const top = Math.max(0, ...this.thresholds.map((t) => t.value), ...shown.flatMap((s) => s.values.map((v) => v ?? 0)));
    const n = this.x.length;
    const long = this.xType === "category" && n > 3 && this.x.some((v) => String(v).length > 12);
    const plotHeight = this.height + (long ? 90 : 0); // room for the tilted labels, not taken from the bars
    const timezone = this.indexed ? undefined : preferences().timezone;
    const options: uPlot.Options = {
      width: Math.max(200, holder.clientWidth),
      height: plotHeight,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      ...(timezone ? { tzDate: (ts: number) => UPlot.tzDate(new Date(ts * 1000), timezone) } : {}),
      scales: {
        x: this.indexed ? { time: false, range: () => [-0.5, Math.max(0.5, n - 0.5)] } : { time: true },
        y: { range: () => [0, top > 0 ? top * 1.08 : 1] },
      },
      axes: [
        {
          label: this.xLabel || undefined,
          stroke: AXIS_COLOUR,
          grid: { stroke: GRID_COLOUR },
          ...(this.indexed
            ? {
                splits: () => this.x.map((_, i) => i).filter((i) => n <= 12 || i % Math.ceil(n / 12) === 0),
                // long category names (consumer groups) are cut on the axis, tilted; the table has them whole
                values: (_u: uPlot, splits: number[]) => splits.map((i) => short(this.xText(i), long ? 16 : 40)),
                ...(long ? { rotate: -35, size: 110 } : {}),
              }
            : {
                space: 140,
                values: (_u: uPlot, splits: number[]) => splits.map((s) => formatDateTime(new Date(s * 1000).toISOString())),
              }),
        },
        {
          label: this.yLabel || undefined,
          stroke: AXIS_COLOUR,
          grid: { stroke: GRID_COLOUR },
          // wide enough for the longest value label (a currency amount, a large count)
          size: (_u: uPlot, values: string[] | null) => Math.max(48, ...(values ?? []).map((v) => v.length * 7 + 18)),
          values: (_u: uPlot, splits: number[]) => splits.map((v) => this.formatValue(v)),
        },
      ],
      series: [
        {},
        ...shown.map((s) =>
          this.kind === "bar"
            ? { label: s.label, stroke: s.colour, fill: s.colour, width: 0, paths: bars, points: { show: false } }
            : { label: s.label, stroke: s.colour, width: 2, spanGaps: false, points: { show: n <= 31, size: 5 } },
        ),
      ],
      hooks: { draw: [(u: uPlot) => this.drawThresholds(u)] },
    };
    this.plot = new UPlot(options, data, holder);
    this.plot.root.setAttribute("aria-hidden", "true");
    this.resizer = new ResizeObserver(() => {
      if (this.plot && holder.clientWidth > 0) this.plot.setSize({ width: Math.max(200, holder.clientWidth), height: plotHeight });
    });
    this.resizer.observe(holder);
  }

  /** Dashed lines across the plot at each threshold, named at their right end. */
  private drawThresholds(u: uPlot): void {
    if (this.thresholds.length === 0) return;
    const { ctx, bbox } = u;
    ctx.save();
    ctx.strokeStyle = THRESHOLD_COLOUR;
    ctx.fillStyle = THRESHOLD_COLOUR;
    ctx.lineWidth = 1.5 * devicePixelRatio;
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textAlign = "right";
    for (const t of this.thresholds) {
      const y = u.valToPos(t.value, "y", true);
      ctx.beginPath();
      ctx.moveTo(bbox.left, y);
      ctx.lineTo(bbox.left + bbox.width, y);
      ctx.stroke();
      ctx.fillText(t.label, bbox.left + bbox.width - 4, y - 4 * devicePixelRatio);
    }
    ctx.restore();
  }

  /** uPlot's own stylesheet, inside this shadow root (constructed, so the CSP's style-src allows it). */
  private adoptUPlotStyle(text: string): void {
    const root = this.renderRoot as ShadowRoot;
    if (root.adoptedStyleSheets.some((s) => (s as CSSStyleSheet & { uplot?: boolean }).uplot)) return;
    const sheet = new CSSStyleSheet() as CSSStyleSheet & { uplot?: boolean };
    sheet.replaceSync(text);
    sheet.uplot = true;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  private teardown(): void {
    this.resizer?.disconnect();
    this.resizer = null;
    this.plot?.destroy();
    this.plot = null;
  }

  render() {
    if (this.empty)
      return html`<figure data-chart="empty">
        ${this.heading ? html`<figcaption>${this.heading}</figcaption>` : nothing}
        <radiant-empty-state heading="No data yet" .message=${this.emptyMessage}></radiant-empty-state>
      </figure>`;
    const summary = this.summary();
    return html`<figure data-chart=${this.kind} aria-label=${this.heading}>
      ${this.heading ? html`<figcaption>${this.heading}</figcaption>` : nothing}
      <div class="plot" role="img" aria-label=${summary}></div>
      ${this.failed ? html`<p class="muted">The chart could not be drawn; the numbers are in the table below.</p>` : nothing}
      <ul class="legend" aria-hidden="true">
        ${this.series.map((s, i) => html`<li><span class="swatch s${i % PALETTE.length}"></span>${s.label}</li>`)}
        ${this.thresholds.map((t) => html`<li><span class="swatch threshold"></span>${t.label}</li>`)}
      </ul>
      <p class="summary visually-hidden">${summary}</p>
      ${this.table()}
    </figure>`;
  }

  /** Every number of the chart, for assistive technology (and the tests). */
  private table() {
    return html`<table class=${this.failed ? "" : "visually-hidden"} data-chart-table>
      <caption>${this.heading}</caption>
      <thead>
        <tr>
          <th scope="col">${this.xLabel || (this.xType === "category" ? "Item" : "Date")}</th>
          ${this.series.map((s) => html`<th scope="col">${s.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${this.x.map(
          (_, i) => html`<tr>
            <th scope="row">${this.xText(i)}</th>
            ${this.series.map((s) => html`<td>${s.values[i] === null || s.values[i] === undefined ? "—" : this.formatValue(s.values[i] as number)}</td>`)}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
customElements.define("radiant-chart", RadiantChart);
