import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, freshTotp, screenshot } from "./support";

// The operators' console (/console/platform/…): an invited operator accepts from the email's link;
// then one operator's session: sign in with TOTP → the
// platform's stats → create a tenant through the modal (a field error first) → find it by search
// and filters → suspend it with a reason (the badge and history change) and reactivate it →
// impersonate it (the tenant console with the banner and time left, then "End") → add a tier and
// edit it (a new version) → health with the lag chart → revenue → reject a prod deletion from the
// approval email's link → sign out. Every screen is scanned with axe; each screen's time from
// navigation to its data is printed (reported, never asserted).
interface PlatformFixtures {
  gatewayUrl: string;
  tag: string;
  operator: { email: string; name: string; password: string; totpSecret: string };
  approval: { id: string; tenantId: string };
  invitation: { link: string; name: string };
}

const fixturesPath = process.env.CONSOLE_PLATFORM_FIXTURES;
test.skip(!fixturesPath, "made by tests/e2e/test_e2e_console_platform.py");
test.describe.configure({ mode: "serial", timeout: 120_000 }); // a loaded machine: many axe scans

let f: PlatformFixtures;
let page: Page;
let tenantName = "";

test.beforeAll(async ({ browser }) => {
  f = JSON.parse(readFileSync(fixturesPath!, "utf8")) as PlatformFixtures;
  tenantName = `Platform E2E ${f.tag}`;
  page = await (await browser.newContext()).newPage();
});

/** Time from the navigation `go` starts to the screen's `radiant:ready:<screen>` mark (its data on
 * screen), from the console's own performance marks; printed and recorded, never asserted. */
async function timedScreen(screen: string, go: () => Promise<void>, shown: Locator): Promise<void> {
  await page.evaluate(() => {
    performance.clearMarks();
    performance.mark("radiant:navigation");
  });
  await go();
  await expect(shown).toBeVisible();
  const handle = await page.waitForFunction((name) => {
    const ready = performance.getEntriesByName(`radiant:ready:${name}`);
    if (!ready.length) return null;
    const start = performance.getEntriesByName("radiant:navigation")[0]?.startTime ?? 0; // a full load: from its start
    return ready[ready.length - 1].startTime - start;
  }, screen);
  const ms = Math.round((await handle.jsonValue()) as number);
  test.info().annotations.push({ type: "render-ms", description: `${screen}: ${ms} ms` });
  console.log(`render ${screen}: ${ms} ms`);
  const file = process.env.CONSOLE_TIMINGS; // JSON lines {screen, ms}, as the other console suites write
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, JSON.stringify({ screen, ms }) + "\n");
  }
}

async function nav(name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();
}

test("an invited operator accepts on the console's page from the email's link: authenticator and codes shown once", async ({ browser }) => {
  const invited = await (await browser.newContext()).newPage();
  await invited.goto(f.invitation.link); // /console/accept-invitation?token=…&kind=operator
  await expect(invited.getByRole("heading", { name: "Accept your operator invitation" })).toBeVisible();
  await expect(invited).toHaveURL(/\/console\/platform\/accept-invitation$/); // the token out of the address bar
  await expectAccessible(invited, "platform accept invitation");
  const form = invited.locator("saas-platform-accept-invitation");
  await form.getByLabel("Password", { exact: true }).fill(f.operator.password);
  await form.getByLabel("Confirm password").fill(f.operator.password);
  await form.getByRole("button", { name: "Accept invitation" }).click();
  await expect(form.getByRole("heading", { name: "Set up your authenticator" })).toBeVisible();
  await expect(form.getByText(`Welcome, ${f.invitation.name}.`)).toBeVisible();
  await expect(form.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await expect(form.getByTestId("totp-secret")).not.toBeEmpty();
  await expectAccessible(invited, "platform accept invitation, codes");
  await invited.close();
});

test("an operator signs in with the authenticator and sees the platform's stats", async () => {
  await page.goto("/console/platform");
  await expect(page.getByRole("heading", { name: "Radiant platform sign-in" })).toBeVisible();
  await expectAccessible(page, "platform sign-in");
  await screenshot(page, "platform-sign-in");
  // without a code, or with a wrong one, identity refuses and the form says so
  await page.getByLabel("Email").fill(f.operator.email);
  await page.getByLabel("Password", { exact: true }).fill(f.operator.password);
  await page.getByLabel("Authenticator code").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await page.getByLabel("Authenticator code").fill(await freshTotp(f.operator.totpSecret));
  await timedScreen("platform-dashboard", () => page.getByRole("button", { name: "Sign in" }).click(), page.getByTestId("tenants-total"));
  await expect(page.getByRole("heading", { name: "Platform", exact: true })).toBeVisible();
  await expect(page.getByText(`${f.operator.name} · platform admin`)).toBeVisible();
  // the numbers are the API's: the total the stats route counts right now (it only grows meanwhile)
  const shown = Number((await page.getByTestId("tenants-total").innerText()).replace(/,/g, ""));
  expect(shown).toBeGreaterThan(0);
  await expect(page.locator("radiant-chart figure[data-chart='bar']")).toBeVisible();
  await expect(page.locator("radiant-chart table[data-chart-table]")).toContainText("prod");
  await expectAccessible(page, "platform dashboard");
  await screenshot(page, "platform-dashboard");
});

test("creates a tenant through the modal, after a field error", async () => {
  await timedScreen("tenant-list", () => nav("Tenants"), page.getByTestId("tenant-link").first());
  await expectAccessible(page, "tenant list");
  await screenshot(page, "platform-tenants");
  await page.getByRole("button", { name: "Create a tenant" }).click();
  const dialog = page.locator("saas-tenant-create");
  await expect(page.getByRole("dialog", { name: "Create a tenant" })).toBeVisible();
  await dialog.getByLabel("Name").fill(tenantName);
  await dialog.getByLabel("First super admin's email").fill("not-an-address");
  await dialog.getByRole("button", { name: "Create tenant" }).click();
  await expect(dialog.getByLabel("First super admin's email")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "tenant create modal");
  await screenshot(page, "platform-tenant-create");
  await dialog.getByLabel("First super admin's email").fill(`owner-${f.tag}@example.com`);
  await timedScreen("tenant-detail", () => dialog.getByRole("button", { name: "Create tenant" }).click(), page.getByTestId("tenant-status"));
  await expect(page.getByRole("heading", { name: tenantName })).toBeVisible();
  await expect(page.getByTestId("tenant-status")).toHaveText("active");
  expect(page.url()).toMatch(/\/console\/platform\/tenants\/[^/]+$/);
});

/** The list's own filters (the create modal, closed, has an Environment field too). */
function filters(): Locator {
  return page.locator("saas-tenant-list form.toolbar");
}

test("finds the tenant by search and filters", async () => {
  await nav("Tenants");
  await page.getByRole("searchbox", { name: "Search" }).fill(f.tag);
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await page.getByRole("searchbox", { name: "Search" }).blur();
  await expect(page.getByTestId("tenant-link")).toHaveCount(1);
  await expect(page.getByTestId("tenant-link")).toHaveText(tenantName);
  await filters().getByLabel("Environment").selectOption("prod");
  await expect(page.getByRole("heading", { name: "No tenants match" })).toBeVisible(); // it is a dev tenant
  await filters().getByLabel("Environment").selectOption("dev");
  await filters().getByLabel("Status").selectOption("active");
  await expect(page.getByTestId("tenant-link")).toHaveText(tenantName);
  await expect(page.getByRole("row").filter({ hasText: tenantName }).getByTestId("status")).toHaveText("active");
});

test("suspends the tenant with a reason, and reactivates it", async () => {
  await page.getByTestId("tenant-link").click();
  await expect(page.getByTestId("tenant-status")).toHaveText("active");
  await expectAccessible(page, "tenant detail");
  await screenshot(page, "platform-tenant-detail");
  const reason = `console e2e ${f.tag}: unpaid`;
  await page.getByRole("button", { name: "Suspend", exact: true }).click();
  const dialog = page.locator("saas-tenant-detail radiant-modal");
  await expect(page.getByRole("dialog", { name: "Suspend this tenant" })).toBeVisible();
  await expectAccessible(page, "suspend dialog");
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByTestId("tenant-status")).toHaveText("suspended");
  await expect(page.getByTestId("status-history")).toContainText(reason);
  // the list's badge says so too
  await nav("Tenants");
  await page.getByRole("searchbox", { name: "Search" }).fill(f.tag);
  await page.getByRole("searchbox", { name: "Search" }).blur();
  await expect(page.getByRole("row").filter({ hasText: tenantName }).getByTestId("status")).toHaveText("suspended");
  await page.getByTestId("tenant-link").click();
  await page.getByRole("button", { name: "Reactivate" }).click();
  await page.locator("saas-tenant-detail radiant-modal").getByLabel("Reason").fill("paid");
  await page.locator("saas-tenant-detail radiant-modal").getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByTestId("tenant-status")).toHaveText("active");
});

test("impersonates the tenant: its console with the banner and time left, then End", async () => {
  await page.getByRole("button", { name: "Impersonate" }).click();
  const dialog = page.locator("saas-tenant-detail radiant-modal");
  await dialog.getByLabel("Reason").fill(`support ticket ${f.tag}`);
  await dialog.getByLabel("Duration (minutes)").fill("5");
  await dialog.getByRole("button", { name: "Start impersonating" }).click();
  const banner = page.getByRole("region", { name: "Impersonation", exact: true });
  await expect(banner).toContainText(`You are impersonating ${tenantName} (read-only)`);
  await expect(page.getByTestId("impersonation-time-left")).toHaveText(/^[45]:\d\d$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible(); // the tenant's own console
  await expectAccessible(page, "impersonated tenant console");
  await screenshot(page, "platform-impersonation");
  await banner.getByRole("button", { name: "End impersonation" }).click();
  await expect(page.getByRole("heading", { name: tenantName })).toBeVisible();
  await expect(banner).toBeHidden();
  await expect(page.getByRole("status").getByText("Impersonation ended")).toBeVisible();
});

test("adds a subscription tier and edits it into a new version", async () => {
  const id = `e2e-${f.tag}`;
  await timedScreen("subscription-tiers", () => nav("Tiers"), page.getByTestId("plan-version").first());
  await expectAccessible(page, "subscription tiers");
  await screenshot(page, "platform-tiers");
  await page.getByRole("button", { name: "New tier" }).click();
  const dialog = page.locator("saas-subscription-tiers radiant-modal");
  await dialog.getByLabel("Id").fill(id);
  await dialog.getByLabel("Name").fill(`E2E ${f.tag}`);
  await dialog.getByLabel("Rank").fill("900");
  await dialog.getByLabel("Monthly prices").fill("EUR 5.00"); // no USD price: billing refuses, on the field
  await dialog.getByLabel("Offered to tenants").uncheck(); // never offered to the stack's tenants
  await dialog.getByRole("button", { name: "Save tier" }).click();
  await expect(dialog.getByLabel("Monthly prices")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "tier editor");
  await dialog.getByLabel("Monthly prices").fill("USD 5.00, EUR 4.50");
  await dialog.getByLabel("Users", { exact: true }).fill("4");
  await dialog.getByRole("button", { name: "Save tier" }).click();
  const row = page.getByRole("row").filter({ hasText: id });
  await expect(row.getByTestId("plan-version")).toHaveText("1");
  await expect(row).toContainText("Users: 4");
  await row.getByRole("button", { name: `Edit E2E ${f.tag}` }).click();
  await dialog.getByLabel("Monthly prices").fill("USD 7.00, EUR 6.50");
  await dialog.getByRole("button", { name: "Save tier" }).click();
  await expect(row.getByTestId("plan-version")).toHaveText("2");
  await expect(row).toContainText("$7.00");
});

test("platform health: services, dependencies and the consumer lag chart", async () => {
  await timedScreen("platform-health", () => nav("Health"), page.getByTestId("services"));
  for (const service of ["identity", "approval", "metering", "billing", "audit"])
    await expect(page.getByTestId("services").getByRole("row").filter({ hasText: service })).toBeVisible();
  await expect(page.getByTestId("kafka-state")).toHaveText("ok");
  const lag = page.locator("saas-platform-health radiant-chart");
  await expect(lag.locator("figure[data-chart='bar'], figure[data-chart='empty']")).toBeVisible();
  await expectAccessible(page, "platform health");
  await screenshot(page, "platform-health");
});

test("revenue: totals per currency and the MRR movement", async () => {
  await timedScreen("revenue-dashboard", () => nav("Revenue"), page.locator("saas-revenue-dashboard").getByLabel("From"));
  await expect(page.getByTestId("revenue-totals").or(page.getByRole("heading", { name: "No revenue in this period" }))).toBeVisible();
  await expectAccessible(page, "revenue");
  await screenshot(page, "platform-revenue");
});

test("rejects a prod tenant's deletion from the approval email's link", async () => {
  await timedScreen("platform-approvals", () => nav("Approvals"), page.getByRole("heading", { name: "Approvals" }));
  await expect(page.getByTestId("approval-link").first().or(page.getByRole("heading", { name: "Nothing waiting" }))).toBeVisible();
  await expectAccessible(page, "platform approvals");
  await screenshot(page, "platform-approvals");
  // the email's link opens the page with the decision chosen; nothing is decided until it is submitted
  await page.goto(`/console/platform/approvals/${f.approval.id}?decision=reject`);
  const dialog = page.getByRole("dialog", { name: "Reject this request" });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("approval-status")).toHaveText("pending");
  await expectAccessible(page, "platform approval decision");
  await screenshot(page, "platform-approval-detail");
  await page.locator("saas-platform-approval-detail radiant-modal").getByLabel("Reason").fill("keep the customer");
  await page.locator("saas-platform-approval-detail radiant-modal").getByRole("button", { name: "Reject" }).click();
  await expect(page.getByTestId("approval-status")).toHaveText("rejected");
});

test("my account: replaces the recovery codes, shown once", async () => {
  await page.goto("/console/platform/account"); // a reload: the session comes back from the cookie
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await expectAccessible(page, "platform account");
  await screenshot(page, "platform-account");
  const codes = page.locator("saas-platform-account");
  await codes.locator("#acct-codes-currentCode").fill("000000"); // a wrong code: identity refuses
  await codes.getByRole("button", { name: "Replace my recovery codes" }).click();
  await expect(codes.getByRole("alert")).toBeVisible();
  await codes.locator("#acct-codes-currentCode").fill(await freshTotp(f.operator.totpSecret));
  await codes.getByRole("button", { name: "Replace my recovery codes" }).click();
  await expect(codes.getByTestId("new-recovery-codes").getByRole("listitem")).not.toHaveCount(0);
});

test("signs out", async () => {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Radiant platform sign-in" })).toBeVisible();
  await page.reload(); // the cookie's session ended with it: no silent refresh brings it back
  await expect(page.getByRole("heading", { name: "Radiant platform sign-in" })).toBeVisible();
});
