import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, freshTotp, screenshot, timed } from "./support";

// The tenant administrators' screens, as one prod super_admin's session: usage produced → the charts
// and totals; the billing page's current period, the invoice generated → listed and opened; an agent
// created through the modal (a field error first), its configuration edited and the difference
// between the versions shown, someone given access; settings saved after a field error, a prod
// security change waiting for approval; at the members limit the invite modal warns, the API's
// quota refusal opens the upgrade prompt, which upgrades; the emails' `?upgrade=1` link opens it too.
// Every screen is scanned with axe and timed from navigation to its data. Run through
// tests/e2e/test_e2e_console_tenant.py, which makes the data through the real stack.
interface TenantFixtures {
  gatewayUrl: string;
  tenantId: string;
  password: string;
  admin: { id: string; email: string; totpSecret: string };
  agent: { id: string; name: string };
  usage: { requests: number; totalTokens: number; models: string[] };
  invoice: { id: string; number: string };
  budgetAlerts: number[];
}

const fixturesPath = process.env.CONSOLE_TENANT_FIXTURES;
test.skip(!fixturesPath, "made by tests/e2e/test_e2e_console_tenant.py");
test.describe.configure({ mode: "serial" });

let f: TenantFixtures;
let page: Page;
const created = `Console agent ${Date.now().toString(36)}`;

test.beforeAll(async ({ browser }) => {
  f = JSON.parse(readFileSync(fixturesPath!, "utf8")) as TenantFixtures;
  page = await (await browser.newContext()).newPage();
  await page.goto("/console/");
  await page.getByLabel("Email").fill(f.admin.email);
  await page.getByLabel("Password", { exact: true }).fill(f.password);
  await page.getByLabel("Authenticator code").fill(await freshTotp(f.admin.totpSecret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

async function open(name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();
}

test("usage: the charts and totals of what was metered", async () => {
  await timed(test.info(), "usage", async () => {
    await open("Usage");
    await expect(page.getByTestId("usage-requests")).toHaveText(String(f.usage.requests));
  });
  await expect(page.getByTestId("usage-tokens")).toHaveText(new Intl.NumberFormat("en-US").format(f.usage.totalTokens));
  const byModel = page.locator('radiant-chart[heading="Tokens per day by model"]');
  for (const model of f.usage.models) await expect(byModel.getByRole("columnheader", { name: model, exact: true })).toHaveCount(1);
  await expect(byModel.locator("canvas")).toHaveCount(1); // uPlot drew it
  const byAgent = page.locator('radiant-chart[heading="Tokens per day by agent"]');
  await expect(byAgent.getByRole("columnheader", { name: f.agent.name, exact: true })).toHaveCount(1);
  await expect(byAgent.getByRole("columnheader", { name: "No agent", exact: true })).toHaveCount(1);
  await expect(page.getByRole("table", { name: "By model", exact: true }).getByRole("row")).toHaveCount(1 + f.usage.models.length);
  await expectAccessible(page, "usage");
  await screenshot(page, "usage");
  // the API's field error for a period it refuses lands on the field
  await page.getByLabel("From").fill("2020-01-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByLabel("From")).toHaveAttribute("aria-invalid", "true");
});

test("billing: current period, the invoice listed and opened, the payment page", async () => {
  await timed(test.info(), "billing", async () => {
    await open("Billing");
    await expect(page.getByTestId("period-requests")).toHaveText(String(f.usage.requests));
    await expect(page.getByRole("link", { name: f.invoice.number })).toBeVisible();
  });
  await expect(page.getByTestId("projected")).not.toHaveText("—");
  // spend against the budget, with a dashed line at each alert threshold
  const budget = page.locator('radiant-chart[heading="Spend against the budget\'s alert thresholds"]');
  await expect(budget.locator("canvas")).toHaveCount(1);
  await expect(budget.locator(".legend li")).toContainText(["Spend (USD)", ...f.budgetAlerts.map((t) => `${t} %`)]);
  await expect(page.getByTestId("budget-status")).toHaveText(/within budget|at risk|over budget/);
  await expectAccessible(page, "billing");
  await screenshot(page, "billing");
  await page.getByRole("button", { name: "Add or change the payment method" }).click();
  await expect(page.getByTestId("payment-link")).toHaveAttribute("href", /^https?:\/\//);
  await timed(test.info(), "invoice", async () => {
    await page.getByRole("link", { name: f.invoice.number }).click();
    await expect(page.getByRole("heading", { name: `Invoice ${f.invoice.number}` })).toBeVisible();
    await expect(page.getByTestId("invoice-total")).not.toBeEmpty();
  });
  await expect(page).toHaveURL(new RegExp(`/console/billing/invoices/${f.invoice.id}$`));
  await expectAccessible(page, "invoice");
  await screenshot(page, "invoice");
});

test("agents: the grid, the create modal with its field errors, the new agent's page", async () => {
  await timed(test.info(), "agents", async () => {
    await open("Agents");
    await expect(page.getByTestId("agent-card").filter({ hasText: f.agent.name })).toBeVisible();
  });
  await expect(page.getByTestId("agent-card").filter({ hasText: f.agent.name }).getByTestId("agent-status")).toHaveText("stopped");
  await expectAccessible(page, "agents");
  await screenshot(page, "agents");
  await page.getByRole("button", { name: "Create an agent" }).click();
  const modal = page.locator("saas-agent-create");
  await expect(page.getByRole("dialog", { name: "Create an agent" })).toBeVisible();
  await expect(modal.getByTestId("quota-agents")).toContainText("1 of 10 agents used");
  // nothing filled in: the API's field errors land on their fields
  await modal.getByRole("button", { name: "Create agent" }).click();
  await expect(modal.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(modal.getByLabel("Model")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "agent create modal");
  await screenshot(page, "agent-create");
  await modal.getByLabel("Name").fill(created);
  await modal.getByLabel("Model").selectOption("gpt-4o-mini");
  await modal.getByLabel("System prompt").fill("Answer questions about invoices.");
  await timed(test.info(), "agent config", async () => {
    await modal.getByRole("button", { name: "Create agent" }).click();
    await expect(page.getByRole("heading", { name: created })).toBeVisible();
    await expect(page.getByRole("table", { name: "Configuration versions, newest first" }).getByRole("row")).toHaveCount(2);
  });
});

test("agent configuration: an edit is a new version, and the diff shows what changed", async () => {
  const config = page.locator("saas-agent-config");
  await config.getByLabel("System prompt").fill("Answer questions about invoices and plans.");
  await config.getByLabel("Temperature").fill("0.2");
  await config.getByRole("button", { name: "Save configuration" }).click();
  await expect(page.getByRole("status").getByText("Saved as version 2")).toBeVisible();
  const diff = page.getByTestId("version-diff");
  await expect(diff.locator(".removed")).toContainText(['"systemPrompt": "Answer questions about invoices."', '"temperature": 0.7']);
  await expect(diff.locator(".added")).toContainText(['"systemPrompt": "Answer questions about invoices and plans."', '"temperature": 0.2']);
  // a value the API refuses is its field error, and no version is made
  await config.getByLabel("Temperature").fill("3");
  await config.getByRole("button", { name: "Save configuration" }).click();
  await expect(config.getByLabel("Temperature")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("table", { name: "Configuration versions, newest first" }).getByRole("row")).toHaveCount(3);
  // who may use it: the owner added, then withdrawn
  const users = page.locator("saas-agent-users");
  await expect(users.locator('[data-state="empty"]')).toBeVisible();
  await users.getByLabel("Person").selectOption(f.admin.id);
  await users.getByRole("button", { name: "Add" }).click();
  await expect(users.getByRole("row").filter({ hasText: f.admin.email })).toHaveCount(1);
  await expectAccessible(page, "agent config"); // with its version diff, a field error and the users table
  await screenshot(page, "agent-config");
  await users.getByRole("button", { name: `Remove ${f.admin.email}` }).click();
  await expect(users.locator('[data-state="empty"]')).toBeVisible();
});

test("settings: a field error first, then saved; a prod security change waits for approval", async () => {
  await timed(test.info(), "settings", async () => {
    await open("Settings");
    await expect(page.getByRole("tab", { name: "General", selected: true })).toBeVisible();
    await expect(page.getByLabel("Default environment")).toBeVisible();
  });
  await page.getByRole("tab", { name: "Data retention" }).click();
  await expect(page).toHaveURL(/\/console\/settings\/retention$/);
  await page.getByLabel("Usage detail (days)").fill("3");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Usage detail (days)")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "settings with a field error");
  await screenshot(page, "settings-error");
  await page.getByLabel("Usage detail (days)").fill("30");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").getByText("Settings saved")).toBeVisible();
  await expect(page.getByLabel("Usage detail (days)")).toHaveAttribute("aria-invalid", "false");
  await page.getByRole("tab", { name: "Security" }).click();
  await page.getByLabel("Session lifetime (hours)").fill("200");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("settings-pending")).toContainText("Waiting for approval");
  await screenshot(page, "settings-security");
  await page.getByRole("tab", { name: "Budget alerts" }).click(); // billing's settings, loaded on first visit
  await expect(page.getByLabel(/Monthly budget/)).toBeVisible();
});

test("at the members limit: the invite modal warns, the quota refusal opens the upgrade prompt", async () => {
  await open("Members");
  await page.getByRole("button", { name: "Invite a user" }).click();
  const invite = page.locator("saas-user-invite");
  await expect(invite.getByTestId("quota-users")).toContainText("1 of 1 members used");
  await expect(invite.getByTestId("quota-users")).toContainText("Limit reached");
  await invite.getByLabel("Email").fill(`quota-${Date.now().toString(36)}@example.com`);
  await invite.getByRole("button", { name: "Send invitation" }).click();
  // the prompt's content is slotted into the dialog: found through its own component
  const prompt = page.locator("radiant-upgrade-prompt");
  await expect(page.getByRole("dialog", { name: "Upgrade to add more" })).toBeVisible();
  await expect(prompt.getByRole("alert")).toContainText("limit reached");
  await expect(prompt.getByRole("radio", { name: /Starter/ })).toBeChecked();
  await expectAccessible(page, "upgrade prompt");
  await screenshot(page, "upgrade-prompt");
  await prompt.getByRole("button", { name: "Upgrade" }).click();
  await expect(page.getByRole("status").getByText(/Upgraded to Starter/)).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Upgrade to add more" })).toBeHidden();
});

test("the emails' upgrade link opens the prompt on the billing page", async () => {
  await page.goto("/console/billing?upgrade=1");
  const prompt = page.locator("radiant-upgrade-prompt");
  await expect(page.getByRole("dialog", { name: "Upgrade your plan" })).toBeVisible();
  await expect(prompt.getByText("You are on Starter")).toBeVisible();
  await expect(prompt.getByRole("radio", { name: /Starter/ })).toHaveCount(0); // only plans above it
  await expect(page.getByTestId("plan-name")).toHaveText("Starter");
});
