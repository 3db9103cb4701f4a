// The signed-in person's display preferences (their profile: time zone, date and time format,
// currency): every date and amount on every screen is formatted with them.
import type { components } from "./api/schema";

type Profile = components["schemas"]["ProfileOut"];
export interface Preferences {
  timezone?: string;
  dateFormat: "MM/DD/YYYY" | "DD/MM/YYYY" | "YYYY-MM-DD";
  timeFormat: "12h" | "24h";
  currency: string;
}

const DEFAULTS: Preferences = { dateFormat: "MM/DD/YYYY", timeFormat: "12h", currency: "USD" };
let current: Preferences = { ...DEFAULTS };

export function usePreferences(profile: Profile | null | undefined): void {
  current = profile
    ? {
        timezone: profile.timezone || undefined,
        dateFormat: (profile.dateFormat as Preferences["dateFormat"]) || DEFAULTS.dateFormat,
        timeFormat: (profile.timeFormat as Preferences["timeFormat"]) || DEFAULTS.timeFormat,
        currency: profile.currency || DEFAULTS.currency,
      }
    : { ...DEFAULTS };
}

export function preferences(): Preferences {
  return current;
}

/** An instant as the person reads it: their date order, 12 or 24 hours, in their time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const when = new Date(value);
  const p = current;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", {
      timeZone: p.timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: p.timeFormat === "24h" ? "h23" : "h12",
    }).formatToParts(when);
  } catch {
    return when.toISOString(); // a zone this browser does not know
  }
  const part = (type: string) => parts.find((x) => x.type === type)?.value ?? "";
  const [y, m, d] = [part("year"), part("month"), part("day")];
  const date = p.dateFormat === "YYYY-MM-DD" ? `${y}-${m}-${d}` : p.dateFormat === "DD/MM/YYYY" ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
  const time = `${part("hour")}:${part("minute")}${p.timeFormat === "12h" ? ` ${part("dayPeriod")}` : ""}`;
  return `${date} ${time}`;
}

/**
 * A day as the person reads it (their date order, in their time zone): chart axes and daily rows.
 * A calendar day the API counts in UTC (a usage day) passes zone "UTC" so it is not shifted a day.
 */
export function formatDate(value: string | number | Date | null | undefined, zone?: string): string {
  if (value === null || value === undefined || value === "") return "—";
  const when = new Date(value);
  const p = current;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", { timeZone: zone ?? p.timezone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(when);
  } catch {
    return when.toISOString().slice(0, 10);
  }
  const part = (type: string) => parts.find((x) => x.type === type)?.value ?? "";
  const [y, m, d] = [part("year"), part("month"), part("day")];
  return p.dateFormat === "YYYY-MM-DD" ? `${y}-${m}-${d}` : p.dateFormat === "DD/MM/YYYY" ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}
