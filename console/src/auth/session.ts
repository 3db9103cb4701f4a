// The console's session. The access token lives in memory only (never in storage a script could
// read later); the refresh token is an HttpOnly, Secure, SameSite=Strict cookie that identity sets on
// /api/v2/auth/console, so this code never sees it. A reload restores the session from the cookie.
//
// Two kinds of people use the console: a tenant's administrators (the tenant pages) and platform
// operators (/console/platform/…). The shell picks the kind from the page (`useKind`); operators sign
// in, refresh and sign out on their own routes with their own cookie (/api/v2/saas/auth/console).
// An operator may impersonate a tenant: the tenant pages then run on the impersonation token (memory
// only, never refreshed, ended by its expiry or the banner's "End"), and the operator's own session
// waits underneath, restored when the impersonation ends.
import type { components } from "../api/schema";

type ConsoleSession = components["schemas"]["ConsoleSession"];
type OperatorConsoleSession = components["schemas"]["OperatorConsoleSession"];
export type SessionAdmin = components["schemas"]["SessionAdmin"];
export type SessionOperator = components["schemas"]["SessionOperator"];
export type SessionKind = "tenant" | "operator";

/** An impersonation the operator started (POST /saas/tenants/{id}/impersonate). */
export interface Impersonation {
  tenantId: string;
  tenantName: string;
  environment: string;
  sessionId: string;
  readOnly: boolean;
  expiresAt: number;
}

const AUTH_BY_KIND: Record<SessionKind, string> = { tenant: "/api/v2/auth/console", operator: "/api/v2/saas/auth/console" };
/** Refresh this long before the access token expires. */
const EARLY_MS = 30_000;

class Session extends EventTarget {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private timer: number | undefined;
  private refreshing: Promise<boolean> | null = null;
  admin: SessionAdmin | null = null;
  /** The signed-in operator (kind "operator"). */
  operator: SessionOperator | null = null;
  /** Which kind of person this session is for: the shell sets it from the page before restoring. */
  kind: SessionKind = "tenant";
  /** While an operator impersonates a tenant: that session; the operator's own waits in `underneath`. */
  impersonation: Impersonation | null = null;
  private underneath: { accessToken: string; expiresAt: number } | null = null;
  private impersonationTimer: number | undefined;
  /** Why the last session ended, for the sign-in page. */
  endedBecause = "";

  /** Choose the kind of session (before `refresh`); a different kind drops the one in memory. */
  useKind(kind: SessionKind): void {
    if (kind === this.kind) return;
    if (this.signedIn) this.clear();
    this.kind = kind;
  }

  private get auth(): string {
    return AUTH_BY_KIND[this.kind];
  }

  get signedIn(): boolean {
    return this.accessToken !== null;
  }

  /** Sign in; resolves to the failed answer when identity refuses (the caller shows its problem). */
  async login(body: Record<string, unknown>): Promise<Response | null> {
    const response = await fetch(this.auth + "/login", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) return response;
    this.accept((await response.json()) as ConsoleSession | OperatorConsoleSession);
    return null;
  }

  /** Rotate the refresh cookie for a new access token; false when there is no session to refresh. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** The access token, refreshed first when it is about to expire. */
  async freshAccessToken(): Promise<string | null> {
    if (this.impersonation) return this.accessToken; // never refreshed: it ends when it expires
    if (this.accessToken && Date.now() > this.expiresAt - EARLY_MS / 3) await this.refresh();
    return this.accessToken;
  }

  /** Run the tenant pages on an impersonation token; the operator's session waits underneath. */
  impersonate(token: string, expiresIn: number, who: Omit<Impersonation, "expiresAt">): void {
    if (this.kind !== "operator" || !this.accessToken || this.impersonation) return;
    window.clearTimeout(this.timer);
    this.underneath = { accessToken: this.accessToken, expiresAt: this.expiresAt };
    this.impersonation = { ...who, expiresAt: Date.now() + expiresIn * 1000 };
    this.accessToken = token;
    this.expiresAt = this.impersonation.expiresAt;
    this.admin = {
      id: this.operator?.id ?? "",
      email: this.operator?.email ?? "",
      role: who.readOnly ? "impersonating (read-only)" : "impersonating",
      tenantId: who.tenantId,
      environment: who.environment,
      mfaEnabled: true,
    } as SessionAdmin;
    this.impersonationTimer = window.setTimeout(() => this.stopImpersonating("The impersonation has expired."), expiresIn * 1000);
    this.changed();
  }

  /** Back to the operator's own session (the impersonation token is dropped from memory). */
  stopImpersonating(reason = ""): void {
    if (!this.impersonation || !this.underneath) return;
    window.clearTimeout(this.impersonationTimer);
    this.impersonation = null;
    this.admin = null;
    this.accessToken = this.underneath.accessToken;
    this.expiresAt = this.underneath.expiresAt;
    this.underneath = null;
    this.endedBecause = reason;
    // the operator's token may have aged meanwhile: refresh it now if it is near its end
    if (Date.now() > this.expiresAt - EARLY_MS) void this.refresh();
    else this.timer = window.setTimeout(() => void this.refresh(), Math.max(5_000, this.expiresAt - Date.now() - EARLY_MS));
    this.changed();
  }

  /** A stepped-up access token (a fresh second factor) for the same session, until the next refresh. */
  adoptAccessToken(token: string, expiresIn: number): void {
    this.accessToken = token;
    this.expiresAt = Math.min(this.expiresAt, Date.now() + expiresIn * 1000);
  }

  async logout(): Promise<void> {
    const token = this.impersonation ? this.underneath?.accessToken : this.accessToken;
    const auth = this.auth;
    this.clear();
    if (token) {
      await fetch(auth + "/logout", {
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
    if (this.impersonation) {
      this.stopImpersonating(reason); // the impersonation's token was refused: back to the operator
      return;
    }
    this.clear();
    this.endedBecause = reason;
    this.changed();
  }

  private async doRefresh(): Promise<boolean> {
    try {
      const response = await fetch(this.auth + "/refresh", { method: "POST", credentials: "same-origin" });
      if (!response.ok) {
        this.ended("Your session has ended; sign in again.");
        return false;
      }
      if (this.impersonation) {
        // refreshed underneath an impersonation: the operator's token waits until it ends
        const s = (await response.json()) as OperatorConsoleSession;
        this.underneath = { accessToken: s.accessToken, expiresAt: Date.now() + s.expiresIn * 1000 };
        return true;
      }
      this.accept((await response.json()) as ConsoleSession | OperatorConsoleSession);
      return true;
    } catch {
      return false;
    }
  }

  private accept(s: ConsoleSession | OperatorConsoleSession): void {
    const first = !this.signedIn;
    this.accessToken = s.accessToken;
    if ("operator" in s) this.operator = s.operator;
    else this.admin = s.administrator;
    this.expiresAt = Date.now() + s.expiresIn * 1000;
    this.endedBecause = "";
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.refresh(), Math.max(5_000, s.expiresIn * 1000 - EARLY_MS));
    if (first) this.changed();
  }

  private clear(): void {
    window.clearTimeout(this.timer);
    window.clearTimeout(this.impersonationTimer);
    this.impersonation = null;
    this.underneath = null;
    this.operator = null;
    this.accessToken = null;
    this.admin = null;
    this.expiresAt = 0;
  }

  private changed(): void {
    this.dispatchEvent(new Event("change"));
  }
}

export const session = new Session();
