import { readFileSync } from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { expectAccessible, freshTotp, recordTiming, screenshot, timed } from "./support";

// The API reference on a private network, and the pages the platform's emails open (issue 16):
// - /docs and a service's events page render their operations with every request that would leave
//   the stack refused (the viewers are the platform's own assets, no CDN), under the page's policy;
// - the emailed reset link sets a new password; the emailed reject link opens the request with
//   "reject" chosen and decides nothing until the person confirms;
// - no tenant screen scrolls sideways on a narrow laptop (1024 × 640, and 1280 × 720).
// Run by tests/e2e/test_e2e_console_links.py, which makes what the email tests need and passes it in
// CONSOLE_LINKS_FIXTURES (the docs tests need nothing else but the stack).

interface LinkFixtures {
  gatewayUrl: string;
  identityUrl: string;
  password: string;
  approver: { email: string; totpSecret: string };
  approval: { id: string; rejectLink: string };
  reset: { link: string; email: string };
}

function linkFixtures(): LinkFixtures | null {
  const path = process.env.CONSOLE_LINKS_FIXTURES;
  return path ? (JSON.parse(readFileSync(path, "utf8")) as LinkFixtures) : null;
}

// Another driver's `playwright test` (all specs) skips this file: it runs through its own driver.
test.skip(!process.env.CONSOLE_LINKS_FIXTURES, "run through tests/e2e/test_e2e_console_links.py (CONSOLE_LINKS_FIXTURES)");

const STACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Refuses (and remembers) every request to anything but the stack: the private network. */
async function onlyTheStack(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || STACK_HOSTS.has(new URL(url).hostname)) return route.continue();
    outside.push(url);
    return route.abort("blockedbyclient");
  });
  return outside;
}

/** What the page's Content-Security-Policy refused (Chromium reports each on the console). */
function policyRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && m.text().includes("Content Security Policy")) refused.push(m.text());
  });
  return refused;
}

test.describe("the API reference on a private network", () => {
  // The viewers are large bundles (Swagger UI, the AsyncAPI component with its parser) that render a
  // few hundred operations: on a loaded machine that takes a while — the time is reported, not judged.
  test.setTimeout(240_000);
  test("/docs shows the merged OpenAPI's operations from the platform's own assets", async ({ browser }) => {
    const context = await browser.newContext();
    const outside = await onlyTheStack(context);
    const page = await context.newPage();
    const refused = policyRefusals(page);
    await timed(test.info(), "api docs (/docs)", async () => {
      await page.goto("/docs");
      await expect(page.locator(".opblock").first()).toBeVisible({ timeout: 180_000 });
    });
    await expect(page.getByRole("heading", { name: /Radiant admin & billing API/ })).toBeVisible();
    // the operations of the first tag (auth) with their methods and paths, and the schemas section
    await expect(page.getByRole("link", { name: "/api/v2/auth/login", exact: true }).first()).toBeVisible();
    await expect.poll(() => page.locator(".opblock").count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
    await expect(page.getByRole("button", { name: "Schemas" })).toBeVisible();
    await screenshot(page, "api-docs");
    expect(outside, "requests that left the stack").toEqual([]);
    expect(refused, "what the page's policy refused").toEqual([]);
    await context.close();
  });

  test("a service's /asyncapi opens its events, with their operations, from the platform's own assets", async ({ browser }) => {
    const context = await browser.newContext();
    const outside = await onlyTheStack(context);
    const page = await context.newPage();
    const refused = policyRefusals(page);
    const identity = linkFixtures()!.identityUrl;
    await timed(test.info(), "events (/docs/asyncapi/identity)", async () => {
      await page.goto(`${identity}/asyncapi`); // the service sends its readers to the gateway's page
      await expect(page.getByRole("heading", { name: "Operations" })).toBeVisible({ timeout: 180_000 });
    });
    expect(new URL(page.url()).pathname).toBe("/docs/asyncapi/identity");
    await expect(page.locator("#introduction").getByText("Radiant identity events")).toBeVisible();
    // identity consumes billing's events (among others): that operation is listed
    await expect(page.getByRole("heading", { name: "RECEIVE billing-events" }).first()).toBeVisible();
    await expect(page.getByText("Operation IDbilling-events:identity-billing-status")).toBeVisible();
    await expect(page.getByRole("link", { name: "billing" })).toHaveAttribute("href", "/docs/asyncapi/billing");
    await screenshot(page, "asyncapi-identity");
    expect(outside, "requests that left the stack").toEqual([]);
    expect(refused, "what the page's policy refused").toEqual([]);
    await context.close();
  });
});

test.describe("pages the platform's emails open", () => {
  test.describe.configure({ mode: "serial" });
  const f = linkFixtures();
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  });

  test("the emailed reset link sets a new password, and it signs in", async () => {
    const newPassword = "a console-set passphrase 42";
    await timed(test.info(), "reset password", async () => {
      await page.goto(f!.reset.link);
      await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    });
    expect(new URL(page.url()).search, "the token is out of the address bar").toBe("");
    await expectAccessible(page, "reset password");
    await screenshot(page, "reset-password");
    await page.getByLabel("New password").fill(newPassword);
    await page.getByLabel("Confirm password").fill("not the same one");
    await page.getByRole("button", { name: "Reset password" }).click();
    await expect(page.getByText("The passwords differ")).toBeVisible();
    await page.getByLabel("Confirm password").fill(newPassword);
    await page.getByRole("button", { name: "Reset password" }).click();
    await expect(page.getByTestId("reset-done")).toBeVisible();
    const signIn = await page.request.post("/api/v2/auth/login", { data: { email: f!.reset.email, password: newPassword } });
    expect(signIn.status()).toBe(200);
  });

  test("the emailed reject link opens the request with reject chosen, and nothing is decided until confirmed", async () => {
    await page.goto("/console/");
    await signIn(page, f!.approver.email, f!.password, f!.approver.totpSecret);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await timed(test.info(), "approval from an email", async () => {
      await page.goto(f!.approval.rejectLink);
      await expect(page.getByTestId("approval-status")).toBeVisible();
    });
    await expect(page.getByLabel("Decision")).toHaveValue("reject");
    await expect(page.getByLabel("Reason", { exact: true })).toBeFocused();
    // the status is the API's: opening the link decided nothing
    await expect(page.getByTestId("approval-status")).toHaveText("pending");
    await expectAccessible(page, "approval from an email");
    await screenshot(page, "approval-reject-link");
    await page.getByLabel("Reason", { exact: true }).fill("not this one");
    await page.getByRole("button", { name: "Reject" }).click();
    await expect(page.getByTestId("approval-status")).toHaveText("rejected");
  });

  for (const [width, height] of [
    [1024, 640],
    [1280, 720],
  ]) {
    test(`no tenant screen scrolls sideways at ${width} × ${height}`, async () => {
      await page.setViewportSize({ width, height });
      const wide: string[] = [];
      for (const screen of ["/dashboard", "/members", "/approvals", `/approvals/${f!.approval.id}`, "/audit", "/profile", "/security"]) {
        const t0 = Date.now();
        await page.goto(`/console${screen}`);
        await expect(page.locator("main h1").first()).toBeVisible();
        await page.waitForLoadState("networkidle");
        recordTiming(`${screen} at ${width}px`, Date.now() - t0);
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement!.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        if (scrollWidth > innerWidth) wide.push(`${screen}: ${scrollWidth} px wide in a ${innerWidth} px window`);
        await screenshot(page, `narrow-${width}${screen.replaceAll("/", "-")}`);
      }
      expect(wide).toEqual([]);
    });
  }

  test("at 768 px the navigation wraps and still reaches every screen", async () => {
    await page.setViewportSize({ width: 768, height: 900 });
    await page.goto("/console/dashboard");
    const nav = page.getByRole("navigation", { name: /main|primary|console/i }).first();
    await expect(nav).toBeVisible();
    for (const name of ["Members", "Approvals", "Audit log"]) await expect(page.getByRole("link", { name, exact: true })).toBeInViewport();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await screenshot(page, "narrow-768-dashboard");
  });
});

async function signIn(p: Page, email: string, password: string, secret: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    await p.getByLabel("Email").fill(email);
    await p.getByLabel("Password", { exact: true }).fill(password);
    await p.getByLabel("Authenticator code").fill(await freshTotp(secret));
    await p.getByRole("button", { name: "Sign in" }).click();
    // a code the onboarding used in this same 30 s is refused as a replay: the next one is not
    const outcome = await Promise.race([
      p.getByRole("heading", { name: "Dashboard" }).waitFor().then(() => "in"),
      p.getByRole("alert").waitFor().then(() => "refused"),
    ]);
    if (outcome === "in") return;
  }
}
