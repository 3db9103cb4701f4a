import { html, type TemplateResult } from "lit";
import "./agents";
import "./agent-config";
import "./settings";
import "./usage";
import "./billing";
import "./invoice";
import "../../components/upgrade-prompt";

// The tenant administrators' screens of this folder as the shell routes them: the nav rows and the
// detail pages under them (/agents/{id}, /billing/invoices/{id}, /settings/{tab}). The paths are
// the ones the platform's emails link to; keep them.
export interface TenantScreen {
  label: string;
  render: () => TemplateResult;
}

/** One template for /settings and /settings/{tab}, so changing tab keeps the loaded screen. */
const settings = (tab: string) => html`<saas-tenant-settings .tab=${tab}></saas-tenant-settings>`;

export const AGENTS_SCREEN: TenantScreen = { label: "Agents", render: () => html`<saas-agents></saas-agents>` };
export const USAGE_SCREEN: TenantScreen = { label: "Usage", render: () => html`<saas-usage></saas-usage>` };
export const BILLING_SCREEN: TenantScreen = { label: "Billing", render: () => html`<saas-tenant-billing></saas-tenant-billing>` };
export const SETTINGS_SCREEN: TenantScreen = { label: "Settings", render: () => settings("general") };

/** A detail page of these screens, with the nav entry it sits under; null for any other page. */
export function tenantDetail(page: string): { nav: string; screen: TenantScreen } | null {
  let m = /^\/agents\/([^/]+)$/.exec(page);
  if (m) {
    const id = decodeURIComponent(m[1]);
    return { nav: "/agents", screen: { label: "Agents", render: () => html`<saas-agent-config .agentId=${id}></saas-agent-config>` } };
  }
  m = /^\/billing\/invoices\/([^/]+)$/.exec(page);
  if (m) {
    const id = decodeURIComponent(m[1]);
    return { nav: "/billing", screen: { label: "Billing", render: () => html`<saas-invoice-detail .invoiceId=${id}></saas-invoice-detail>` } };
  }
  m = /^\/settings\/([^/]+)$/.exec(page);
  if (m) {
    const tab = decodeURIComponent(m[1]);
    return { nav: "/settings", screen: { label: "Settings", render: () => settings(tab) } };
  }
  return null;
}

/** The upgrade prompt, mounted once by the shell for every signed-in screen. */
export const upgradePrompt = () => html`<radiant-upgrade-prompt></radiant-upgrade-prompt>`;
