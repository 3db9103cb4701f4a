import { LitElement, css, html, type TemplateResult } from "lit";
import { session } from "./auth/session";
import { base } from "./components/styles";
import { currentPage, navigate, BASE } from "./router";
import "./components/toasts";
import "./components/notifications-bell";
import "./screens/login";
import "./screens/accept-invitation";
import "./screens/reset-password";
import "./screens/dashboard";
import "./screens/users";
import "./screens/user-detail";
import "./screens/approvals";
import "./screens/approval-detail";
import "./screens/audit";
import "./screens/profile";
import "./screens/security";
import { api } from "./api/client";
import { usePreferences } from "./preferences";
import { PLATFORM_HOME, PLATFORM_LOGIN, endImpersonation, impersonationBanner, isPlatformPage, platformPublicPage, platformShell } from "./screens/platform/shell";
import { AGENTS_SCREEN, BILLING_SCREEN, SETTINGS_SCREEN, USAGE_SCREEN, tenantDetail, upgradePrompt } from "./screens/tenant/routes";

// The shell: who is signed in, the navigation, and the screen for the page. Pages that need no
// session (sign-in, accepting an invitation) render without it.
interface Screen {
  label: string;
  render: () => TemplateResult;
}

const SCREENS: Record<string, Screen> = {
  "/dashboard": { label: "Dashboard", render: () => html`<saas-tenant-dashboard></saas-tenant-dashboard>` },
  "/members": { label: "Members", render: () => html`<saas-users></saas-users>` },
  "/agents": AGENTS_SCREEN,
  "/usage": USAGE_SCREEN,
  "/billing": BILLING_SCREEN,
  "/approvals": { label: "Approvals", render: () => html`<saas-approvals></saas-approvals>` },
  "/audit": { label: "Audit log", render: () => html`<saas-tenant-audit></saas-tenant-audit>` },
  "/settings": SETTINGS_SCREEN,
  "/profile": { label: "Preferences", render: () => html`<radiant-profile></radiant-profile>` },
  "/security": { label: "Security", render: () => html`<radiant-security></radiant-security>` },
};
const HOME = "/dashboard";
const PUBLIC_PAGES: Record<string, () => TemplateResult> = {
  "/accept-invitation": () => html`<radiant-accept-invitation></radiant-accept-invitation>`,
  "/reset-password": () => html`<radiant-reset-password></radiant-reset-password>`,
};

export class RadiantApp extends LitElement {
  static properties = { page: { state: true }, restoring: { state: true }, loadingPreferences: { state: true } };
  static styles = [
    base,
    css`
      :host { display: block; min-height: 100vh; }
      .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; }
      .skip:focus { left: 0.5rem; }
      header { display: flex; align-items: center; gap: 1.5rem; flex-wrap: wrap; padding: 0.75rem 1.5rem; background: #0f172a; color: #fff; }
      header .brand { font-weight: 700; }
      nav ul { list-style: none; display: flex; gap: 0.25rem; margin: 0; padding: 0; flex-wrap: wrap; }
      nav a { color: #e2e8f0; text-decoration: none; padding: 0.4rem 0.7rem; border-radius: 6px; display: inline-block; }
      nav a[aria-current="page"] { background: #1e293b; color: #fff; font-weight: 600; }
      nav a:hover { background: #1e293b; }
      .who { margin-left: auto; display: flex; gap: 0.75rem; align-items: center; font-size: 0.9rem; }
      .who button { background: transparent; color: #fff; border-color: #94a3b8; }
      .env { border: 1px solid #94a3b8; border-radius: 999px; padding: 0 0.5rem; font-size: 0.75rem; }
      main { padding: 1.5rem; max-width: 78rem; margin: 0 auto; }
      main.narrow { max-width: 32rem; padding-top: 3rem; }
      /* a narrow window: the header's parts wrap onto their own rows, the links closer together */
      @media (max-width: 1100px) {
        header { gap: 0.5rem 1rem; padding: 0.5rem 1rem; }
        nav a { padding: 0.35rem 0.55rem; }
        main { padding: 1rem; }
      }
    `,
  ];
  declare page: string;
  declare restoring: boolean;
  declare loadingPreferences: boolean;

  constructor() {
    super();
    this.page = currentPage();
    this.restoring = true;
    this.loadingPreferences = false;
  }

  private onNavigate = () => {
    this.page = currentPage();
    // Leaving an impersonated console for the platform's pages ends the impersonation.
    if (session.impersonation && isPlatformPage(this.page)) void endImpersonation();
    else if (!session.impersonation) this.useKindOf(this.page);
  };

  /** The session kind a page needs (operators on /platform/…); a change restores that kind's session. */
  private useKindOf(page: string): void {
    const kind = isPlatformPage(page) ? "operator" : "tenant";
    if (kind === session.kind) return;
    session.useKind(kind);
    this.restoring = true;
    void session.refresh().finally(() => (this.restoring = false));
  }

  /** Operators: the platform's home after sign-in; the tenant pages only while impersonating. */
  private onOperatorSession(): void {
    usePreferences(null); // operators have no tenant profile: the console's defaults
    if (session.impersonation) {
      if (isPlatformPage(this.page)) navigate(HOME);
    } else if (session.signedIn && (this.page === PLATFORM_LOGIN || !isPlatformPage(this.page))) navigate(PLATFORM_HOME, true);
    this.requestUpdate();
  }

  private onSession = () => {
    if (session.kind === "operator") {
      this.onOperatorSession();
      return;
    }
    if (session.signedIn && (this.page === "/login" || this.page === "/")) navigate(HOME, true);
    if (session.signedIn) void this.loadPreferences();
    else usePreferences(null);
    this.requestUpdate();
  };

  /** The person's date, time and currency preferences, before their first screen shows a date. */
  private async loadPreferences(): Promise<void> {
    this.loadingPreferences = true;
    try {
      const { data } = await api.GET("/api/v2/admin/profile");
      usePreferences(data?.profile);
    } catch {
      usePreferences(null);
    } finally {
      this.loadingPreferences = false;
    }
  }

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("popstate", this.onNavigate);
    window.addEventListener("radiant-navigate", this.onNavigate);
    session.addEventListener("change", this.onSession);
    session.useKind(isPlatformPage(this.page) ? "operator" : "tenant");
    if (this.page in PUBLIC_PAGES || platformPublicPage(this.page)) this.restoring = false;
    else void session.refresh().finally(() => (this.restoring = false));
  }

  disconnectedCallback(): void {
    window.removeEventListener("popstate", this.onNavigate);
    window.removeEventListener("radiant-navigate", this.onNavigate);
    session.removeEventListener("change", this.onSession);
    super.disconnectedCallback();
  }

  /** Links inside the console change the page without reloading it (the session stays in memory). */
  private follow(e: MouseEvent, page: string): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(page);
  }

  render() {
    const toasts = html`<radiant-toasts></radiant-toasts>`;
    const publicPage = platformPublicPage(this.page) ?? PUBLIC_PAGES[this.page];
    if (publicPage) return html`<main class="narrow" id="main">${publicPage()}</main>${toasts}`;
    if (this.restoring || this.loadingPreferences) return html`<main class="narrow" id="main"><p role="status">Loading…</p></main>`;
    if (session.kind === "operator" && !session.impersonation) {
      if (!session.signedIn) return html`<main class="narrow" id="main"><saas-platform-login></saas-platform-login></main>${toasts}`;
      return html`${platformShell(this.page, (e, page) => this.follow(e, page))}${toasts}`;
    }
    if (!session.signedIn) return html`<main class="narrow" id="main"><radiant-login></radiant-login></main>${toasts}`;
    const detail = /^\/(members|approvals)\/([^/]+)$/.exec(this.page);
    const tenantPage = tenantDetail(this.page); // agents/{id}, billing/invoices/{id}, settings/{tab}
    const screen: Screen = tenantPage
      ? tenantPage.screen
      : detail
      ? detail[1] === "members"
        ? { label: "Members", render: () => html`<saas-user-detail .userId=${detail[2]}></saas-user-detail>` }
        : { label: "Approvals", render: () => html`<radiant-approval-detail .approvalId=${detail[2]}></radiant-approval-detail>` }
      : (SCREENS[this.page] ?? SCREENS[HOME]);
    const current = tenantPage ? tenantPage.nav : detail ? `/${detail[1]}` : this.page in SCREENS ? this.page : HOME;
    const admin = session.admin;
    return html`
      <a class="skip" href="#main">Skip to content</a>
      ${impersonationBanner()}
      <header>
        <span class="brand">Radiant</span>
        <nav aria-label="Main">
          <ul>
            ${Object.entries(SCREENS).map(
              ([page, s]) => html`<li><a href=${BASE + page} aria-current=${page === current ? "page" : "false"}
                @click=${(e: MouseEvent) => this.follow(e, page)}>${s.label}</a></li>`,
            )}
          </ul>
        </nav>
        <div class="who">
          <span>${admin?.email} · ${admin?.role}</span>
          <span class="env" title="Environment">${admin?.environment}</span>
          <radiant-notifications-bell></radiant-notifications-bell>
          <button type="button" @click=${() => void session.logout()}>Sign out</button>
        </div>
      </header>
      <main id="main" tabindex="-1">${screen.render()}</main>
      ${upgradePrompt()}
      ${toasts}
    `;
  }
}
customElements.define("radiant-app", RadiantApp);
