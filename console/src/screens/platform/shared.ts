import { html, type TemplateResult } from "lit";
import { BASE, navigate } from "../../router";
import { preferences } from "../../preferences";

// What the platform (operators') screens share: links that stay inside the console, status badges,
// amounts and counts as the operator reads them, and the mark each screen sets once its data shows
// (the browser suite reports navigation → data per screen from these marks).

export const PLATFORM = "/platform";

/** A link to a console page that changes the page without reloading (the session stays in memory). */
export function link(page: string, label: string | TemplateResult, testId?: string): TemplateResult {
  return html`<a href=${BASE + page} data-testid=${testId ?? ""} @click=${(e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(page);
  }}>${label}</a>`;
}

const BADGE: Record<string, string> = {
  active: "ok",
  approved: "ok",
  executed: "ok",
  ok: "ok",
  pending: "warn",
  suspended: "bad",
  deleted: "bad",
  rejected: "bad",
  failed: "bad",
  expired: "bad",
  cancelled: "bad",
};

export function statusBadge(status: string | null | undefined, testId = "status"): TemplateResult {
  const s = status ?? "unknown";
  return html`<span class="badge ${BADGE[s] ?? "warn"}" data-testid=${testId}>${s}</span>`;
}

const counts = new Intl.NumberFormat("en-US");

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : counts.format(n);
}

/** A decimal string amount in its currency (the operator's currency only names their default). */
export function money(amount: string | number | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const code = currency || preferences().currency;
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: code }).format(Number(amount));
  } catch {
    return `${amount} ${code}`;
  }
}

/** The screen's data is on screen: a performance mark the browser suite measures to. */
export function markReady(screen: string): void {
  performance.mark(`radiant:ready:${screen}`);
}

/** One sentence when the console could not reach the API at all. */
export const UNREACHABLE = "The console could not reach the API.";
