// The console's session. The access token lives in memory only (never in storage a script could
// read later); the refresh token is an HttpOnly, Secure, SameSite=Strict cookie that identity sets on
// /api/v2/auth/console, so this code never sees it. A reload restores the session from the cookie.
import type { components } from "../api/schema";

type ConsoleSession = components["schemas"]["ConsoleSession"];
export type SessionAdmin = components["schemas"]["SessionAdmin"];

const AUTH = "/api/v2/auth/console";
/** Refresh this long before the access token expires. */
const EARLY_MS = 30_000;

class Session extends EventTarget {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private timer: number | undefined;
  private refreshing: Promise<boolean> | null = null;
  admin: SessionAdmin | null = null;
  /** Why the last session ended, for the sign-in page. */
  endedBecause = "";

  get signedIn(): boolean {
    return this.accessToken !== null;
  }

  /** Sign in; resolves to the failed answer when identity refuses (the caller shows its problem). */
  async login(body: Record<string, unknown>): Promise<Response | null> {
    const response = await fetch(AUTH + "/login", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) return response;
    this.accept((await response.json()) as ConsoleSession);
    return null;
  }

  /** Rotate the refresh cookie for a new access token; false when there is no session to refresh. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** The access token, refreshed first when it is about to expire. */
  async freshAccessToken(): Promise<string | null> {
    if (this.accessToken && Date.now() > this.expiresAt - EARLY_MS / 3) await this.refresh();
    return this.accessToken;
  }

  /** A stepped-up access token (a fresh second factor) for the same session, until the next refresh. */
  adoptAccessToken(token: string, expiresIn: number): void {
    this.accessToken = token;
    this.expiresAt = Math.min(this.expiresAt, Date.now() + expiresIn * 1000);
  }

  async logout(): Promise<void> {
    const token = this.accessToken;
    this.clear();
    if (token) {
      await fetch(AUTH + "/logout", {
        method: "POST",
        credentials: "same-origin",
        headers: { Authorization: `Bearer ${token}` },
      }).catch(() => undefined);
    }
    this.endedBecause = "You have signed out.";
    this.changed();
  }

  ended(reason: string): void {
    if (!this.signedIn) return;
    this.clear();
    this.endedBecause = reason;
    this.changed();
  }

  private async doRefresh(): Promise<boolean> {
    try {
      const response = await fetch(AUTH + "/refresh", { method: "POST", credentials: "same-origin" });
      if (!response.ok) {
        this.ended("Your session has ended; sign in again.");
        return false;
      }
      this.accept((await response.json()) as ConsoleSession);
      return true;
    } catch {
      return false;
    }
  }

  private accept(s: ConsoleSession): void {
    const first = !this.signedIn;
    this.accessToken = s.accessToken;
    this.admin = s.administrator;
    this.expiresAt = Date.now() + s.expiresIn * 1000;
    this.endedBecause = "";
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.refresh(), Math.max(5_000, s.expiresIn * 1000 - EARLY_MS));
    if (first) this.changed();
  }

  private clear(): void {
    window.clearTimeout(this.timer);
    this.accessToken = null;
    this.admin = null;
    this.expiresAt = 0;
  }

  private changed(): void {
    this.dispatchEvent(new Event("change"));
  }
}

export const session = new Session();
