import { html, type TemplateResult } from "lit";
import { session } from "../../auth/session";
import { BASE } from "../../router";
import { PLATFORM } from "./shared";
import "./login";
import "./accept-invitation";
import "./reset-password";
import "./dashboard";
import "./tenant-list";
import "./tenant-detail";
import "./tiers";
import "./health";
import "./revenue";
import "./approvals";
import "./approval-detail";
import "./account";
import "./impersonation-banner";
export { endImpersonation } from "./impersonation-banner";

// The operators' part of the shell (/console/platform/…): which pages are theirs, their navigation
// and screens. The shell (app.ts) renders these inside its own header and main, so both kinds of
// user look alike; the session kind is "operator" on these pages.
interface Screen {
  label: string;
  render: () => TemplateResult;
}

export const PLATFORM_HOME = PLATFORM;
export const PLATFORM_LOGIN = `${PLATFORM}/login`;

export const PLATFORM_SCREENS: Record<string, Screen> = {
  [PLATFORM]: { label: "Dashboard", render: () => html`<saas-platform-dashboard></saas-platform-dashboard>` },
  [`${PLATFORM}/tenants`]: { label: "Tenants", render: () => html`<saas-tenant-list></saas-tenant-list>` },
  [`${PLATFORM}/approvals`]: { label: "Approvals", render: () => html`<saas-platform-approvals></saas-platform-approvals>` },
  [`${PLATFORM}/tiers`]: { label: "Tiers", render: () => html`<saas-subscription-tiers></saas-subscription-tiers>` },
  [`${PLATFORM}/revenue`]: { label: "Revenue", render: () => html`<saas-revenue-dashboard></saas-revenue-dashboard>` },
  [`${PLATFORM}/health`]: { label: "Health", render: () => html`<saas-platform-health></saas-platform-health>` },
  [`${PLATFORM}/account`]: { label: "My account", render: () => html`<saas-platform-account></saas-platform-account>` },
};

const PUBLIC: Record<string, () => TemplateResult> = {
  [`${PLATFORM}/accept-invitation`]: () => html`<saas-platform-accept-invitation></saas-platform-accept-invitation>`,
  [`${PLATFORM}/reset-password`]: () => html`<saas-platform-reset-password></saas-platform-reset-password>`,
};

/** Pages of the operators' console (the session kind "operator"). */
export function isPlatformPage(page: string): boolean {
  return page === PLATFORM || page.startsWith(`${PLATFORM}/`);
}

/** An operator's page that needs no session; links sent before the console had them (kind=operator) too. */
export function platformPublicPage(page: string): (() => TemplateResult) | undefined {
  const operatorLink = new URLSearchParams(window.location.search).get("kind") === "operator";
  if (operatorLink && (page === "/accept-invitation" || page === "/reset-password")) return PUBLIC[`${PLATFORM}${page}`];
  return PUBLIC[page];
}

/** The screen for a platform page, and the navigation entry it belongs to. */
export function platformScreen(page: string): { screen: Screen; nav: string } {
  const detail = /^\/platform\/(tenants|approvals)\/([^/]+)$/.exec(page);
  if (detail) {
    const [, kind, id] = detail;
    const nav = `${PLATFORM}/${kind}`;
    const render =
      kind === "tenants"
        ? () => html`<saas-tenant-detail .tenantId=${id}></saas-tenant-detail>`
        : () => html`<saas-platform-approval-detail .approvalId=${id}></saas-platform-approval-detail>`;
    return { screen: { label: PLATFORM_SCREENS[nav].label, render }, nav };
  }
  const nav = page in PLATFORM_SCREENS ? page : PLATFORM_HOME;
  return { screen: PLATFORM_SCREENS[nav], nav };
}

/** The operators' header and screen (the shell's styles apply: it renders inside the shell). */
export function platformShell(page: string, follow: (e: MouseEvent, page: string) => void): TemplateResult {
  const { screen, nav } = platformScreen(page);
  const op = session.operator;
  return html`
    <a class="skip" href="#main">Skip to content</a>
    <header>
      <span class="brand">Radiant platform</span>
      <nav aria-label="Main">
        <ul>
          ${Object.entries(PLATFORM_SCREENS).map(
            ([p, s]) => html`<li><a href=${BASE + p} aria-current=${p === nav ? "page" : "false"}
              @click=${(e: MouseEvent) => follow(e, p)}>${s.label}</a></li>`,
          )}
        </ul>
      </nav>
      <div class="who">
        <span>${op?.name || op?.email} · ${op?.role?.replace(/_/g, " ")}</span>
        <button type="button" @click=${() => void session.logout()}>Sign out</button>
      </div>
    </header>
    <main id="main" tabindex="-1">${screen.render()}</main>
  `;
}

/** The banner on the tenant pages while an operator impersonates the tenant (nothing otherwise). */
export function impersonationBanner(): TemplateResult | string {
  return session.impersonation ? html`<saas-impersonation-banner></saas-impersonation-banner>` : "";
}
