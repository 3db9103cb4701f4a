// What the tenant screens share: links that change the page without reloading it, amounts and
// counts as the person reads them (their profile's currency is the tenant's billing currency's
// fallback only), and the one sentence for a request that never reached the API.
import { preferences } from "../../preferences";
import { navigate } from "../../router";

export const UNREACHABLE = "The console could not reach the API.";

/** A console link: followed in place (the session stays in memory), a modified click opens a tab. */
export function follow(e: MouseEvent, page: string): void {
  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(page);
}

/** An exact decimal amount from the API in its currency (the profile's currency when none is given). */
export function money(amount: string | number | null | undefined, currency?: string): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const code = currency || preferences().currency;
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: code }).format(Number(amount));
  } catch {
    return `${amount} ${code}`;
  }
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : new Intl.NumberFormat().format(n);
}

/** Bytes as a person reads them (storage quotas). */
export function bytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

/** A badge's colour class for a state word. */
export function tone(state: string): "ok" | "warn" | "bad" | "" {
  if (["running", "active", "paid", "current", "within_budget", "approved"].includes(state)) return "ok";
  if (["starting", "stopping", "pending", "pending_approval", "draft", "open", "outstanding", "at_risk", "scheduled"].includes(state))
    return "warn";
  if (["failed", "overdue", "payment_failed", "over_budget", "void", "uncollectible", "rejected"].includes(state)) return "bad";
  return "";
}

export function words(value: string): string {
  return value.replace(/_/g, " ");
}
