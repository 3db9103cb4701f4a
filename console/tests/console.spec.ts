import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, fixtures, freshTotp, screenshot, timed, waitForMail, type Fixtures } from "./support";

// The seed's verification flows through the console, in order, as one administrator's session:
// sign in with TOTP → invite a member → the invitee opens the emailed link, accepts with TOTP and
// signs in → the member is listed → an approval waiting for this administrator is approved → the
// audit log, filtered, under a verified chain → the session survives a reload (silent refresh
// from the cookie) and ends on sign-out. Every screen is scanned with axe on the way.
test.describe.configure({ mode: "serial" });

let f: Fixtures;
let page: Page;
const invitee = `console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
const inviteePassword = "a long enough console password";

test.beforeAll(async ({ browser }) => {
  f = fixtures();
  page = await (await browser.newContext()).newPage();
});

async function signIn(p: Page, email: string, password: string, secret: string): Promise<void> {
  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password", { exact: true }).fill(password);
  await p.getByLabel("Authenticator code").fill(await freshTotp(secret));
  await p.getByRole("button", { name: "Sign in" }).click();
}

test("sign in with the authenticator", async () => {
  await page.goto("/console/");
  await expect(page.getByRole("heading", { name: "Sign in to Radiant" })).toBeVisible();
  await expectAccessible(page, "sign-in");
  await screenshot(page, "sign-in");
  // a wrong code is refused with the API's problem, and the form says so
  await page.getByLabel("Email").fill(f.admin.email);
  await page.getByLabel("Password", { exact: true }).fill(f.password);
  await page.getByLabel("Authenticator code").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await timed(test.info(), "sign-in and dashboard", async () => {
    await signIn(page, f.admin.email, f.password, f.admin.totpSecret);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByTestId("members-total")).toHaveText("2"); // the two super_admins
  });
  await expect(page.getByText(`${f.admin.email} · super_admin`)).toBeVisible();
  await expect(page.getByTestId("awaiting")).not.toHaveText("0"); // the deployment waits for a decision
  await expectAccessible(page, "dashboard");
  await screenshot(page, "dashboard");
});

test("members: the list, and the invite modal", async () => {
  await timed(test.info(), "members", async () => {
    await page.getByRole("link", { name: "Members", exact: true }).click();
    await expect(page.getByRole("cell", { name: f.admin.email })).toBeVisible();
  });
  await expectAccessible(page, "members");
  await screenshot(page, "members");
  await page.getByRole("button", { name: "Invite a user" }).click();
  await expect(page.getByRole("dialog", { name: "Invite a user" })).toBeVisible();
  // the form is slotted into the dialog: found through its own component, not the <dialog>'s subtree
  const dialog = page.locator("saas-user-invite");
  // the API's field error lands on its field
  await dialog.getByLabel("Email").fill("not-an-address");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "invite modal");
  await screenshot(page, "invite-modal");
  await dialog.getByLabel("Email").fill(invitee);
  await dialog.getByLabel("Role").selectOption("operator");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").getByText(`Invitation sent to ${invitee}`)).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Invite a user" })).toBeHidden();
  // people invited and not signed up yet are the pending users (the API lists them by that status)
  await page.getByLabel("Status").selectOption("pending");
  await expect(page.getByRole("row").filter({ hasText: invitee })).toContainText("pending");
});

test("the invitee accepts from the email, enrols the authenticator, and signs in", async ({ browser }) => {
  const mail = await waitForMail(f, invitee);
  const link = /(https?:\/\/\S+\/console\/accept-invitation\?token=[A-Za-z0-9_\-%]+)/.exec(mail.text)?.[1];
  expect(link, mail.text).toBeTruthy();
  const theirs = await newPage(browser);
  await theirs.goto(link!.replace(/^https?:\/\/[^/]+/, f.gatewayUrl));
  await expect(theirs.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  expect(theirs.url()).not.toContain("token="); // out of the address bar and history
  await expectAccessible(theirs, "accept invitation");
  await screenshot(theirs, "accept-invitation");
  await theirs.getByLabel("First name").fill("Grace");
  await theirs.getByLabel("Last name").fill("Hopper");
  await theirs.getByLabel("Password", { exact: true }).fill(inviteePassword);
  await theirs.getByLabel("Confirm password").fill(inviteePassword);
  await theirs.getByRole("button", { name: "Accept invitation" }).click();
  await expect(theirs.getByRole("heading", { name: "Set up your authenticator" })).toBeVisible();
  await expect(theirs.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expect(theirs.getByTestId("recovery-codes").getByRole("listitem")).not.toHaveCount(0);
  await expectAccessible(theirs, "authenticator enrolment");
  await screenshot(theirs, "accept-invitation-mfa");
  const secret = (await theirs.getByTestId("totp-secret").textContent())!.trim();
  await theirs.getByLabel(/I have added the authenticator/).check();
  await theirs.getByRole("link", { name: "Continue to sign in" }).click();
  await expect(theirs.getByRole("heading", { name: "Sign in to Radiant" })).toBeVisible();
  await signIn(theirs, invitee, inviteePassword, secret);
  await expect(theirs.getByText(`${invitee} · operator`)).toBeVisible();
  await theirs.context().close();
});

test("members: the new member is listed as active", async () => {
  await page.getByLabel("Status").selectOption("active");
  await expect(page.getByRole("row").filter({ hasText: invitee })).toContainText("active");
});

test("a prod role change waits for another administrator, who approves it", async ({ browser }) => {
  await page.getByRole("row").filter({ hasText: invitee }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Grace Hopper" })).toBeVisible();
  const userId = page.url().split("/").pop()!;
  await expectAccessible(page, "user detail");
  await screenshot(page, "user-detail");
  await page.getByLabel("Role").selectOption("admin");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText("Waiting for approval")).toBeVisible();
  await expect(page.getByTestId("user-role")).toHaveText("operator"); // not applied yet
  // the second administrator, in their own browser, finds it in their inbox and approves it
  const theirs = await newPage(browser);
  await theirs.goto("/console/approvals");
  await signIn(theirs, f.approver.email, f.password, f.approver.totpSecret);
  // identity told them (approval.requested over Kafka): the bell has it
  const bell = theirs.getByRole("button", { name: /^Notifications/ });
  const panel = theirs.getByRole("region", { name: "Notifications" });
  await expect(async () => {
    if ((await bell.getAttribute("aria-expanded")) === "true") await bell.click();
    await bell.click(); // opening the panel reads the latest notifications
    await expect(panel.getByText(userId)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(bell).toHaveAccessibleName(/unread/);
  await expectAccessible(theirs, "notifications");
  await screenshot(theirs, "notifications");
  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(bell).toHaveAccessibleName("Notifications");
  await bell.click();
  // ... and emailed them: the email's "approve" link opens the console's page of the request
  const mail = await waitForMail(f, f.approver.email, "change_role");
  const approve = /(https?:\/\/\S+\/console\/approvals\/[0-9a-f-]+\?decision=approve)/.exec(mail.text)?.[1];
  expect(approve, mail.text).toBeTruthy();
  await theirs.goto(approve!.replace(/^https?:\/\/[^/]+/, f.gatewayUrl)); // a new page load: the session comes from the cookie
  await expect(theirs.getByRole("heading", { name: /^user_role_change/ })).toBeVisible();
  await expect(theirs.getByTestId("approval-status")).toHaveText("pending");
  await expect(theirs.getByLabel("Decision")).toHaveValue("approve");
  await expectAccessible(theirs, "approval detail");
  await screenshot(theirs, "approval-detail");
  await theirs.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(theirs.getByRole("status").getByText("Approved")).toBeVisible();
  await expect(theirs.getByTestId("approval-status")).toHaveText("approved");
  // identity carries it out and answers over Kafka: the page shows it once reloaded
  await expect(async () => {
    await theirs.reload();
    await expect(theirs.getByTestId("execution")).toContainText("executed", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await theirs.context().close();
  // identity carries it out (approval.approved over Kafka): the detail shows the new role
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("user-role")).toHaveText("admin", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText("Waiting for approval")).toHaveCount(0);
  await page.getByRole("link", { name: "Members", exact: true }).click();
});

test("approvals: approve what waits for me", async () => {
  await timed(test.info(), "approvals", async () => {
    await page.getByRole("link", { name: "Approvals", exact: true }).click();
    await expect(page.getByRole("row").filter({ hasText: f.approval.resourceId })).toBeVisible();
  });
  await expectAccessible(page, "approvals");
  await screenshot(page, "approvals");
  await page.getByRole("button", { name: `Approve deployment ${f.approval.resourceId}` }).click();
  await expect(page.getByRole("dialog", { name: "Approve deployment" })).toBeVisible();
  const dialog = page.locator("saas-approvals radiant-modal");
  await dialog.getByLabel("Reason (optional)").fill("Release notes reviewed");
  await expectAccessible(page, "approval decision");
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").getByText("Approved")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: f.approval.resourceId })).toHaveCount(0);
  await page.getByRole("button", { name: "All requests" }).click();
  await expect(page.getByRole("row").filter({ hasText: f.approval.resourceId })).toContainText("approved");
});

test("audit log: filtered, under a verified chain", async () => {
  await timed(test.info(), "audit", async () => {
    await page.getByRole("link", { name: "Audit log", exact: true }).click();
    await expect(page.getByTestId("chain-badge")).toContainText("Chain verified");
  });
  await expectAccessible(page, "audit log");
  await page.getByLabel("Action").fill("user.accept"); // the invitee's acceptance, seed 004's name
  // the acceptance reaches the log through Kafka: apply the filter until it is there, and only it
  const actions = page.locator("radiant-data-table td:nth-child(2)");
  await expect(async () => {
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.locator("radiant-data-table .scroll")).toHaveAttribute("aria-busy", "false", { timeout: 2_000 });
    const shown = (await actions.allTextContents()).map((a) => a.trim());
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set(["user.accept"])); // the filter left out the rest
  }).toPass({ timeout: 30_000 });
  await screenshot(page, "audit-log");
  // exported as filtered: JSON Lines of exactly the entries shown, CSV with its header
  const [jsonl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export JSON Lines" }).click()]);
  expect(jsonl.suggestedFilename()).toBe("audit-log.jsonl");
  const exported = readFileSync((await jsonl.path())!, "utf8").trim().split("\n").map((line) => JSON.parse(line));
  expect(exported.length).toBeGreaterThan(0);
  expect(new Set(exported.map((e) => e.action))).toEqual(new Set(["user.accept"]));
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  const rows = readFileSync((await csv.path())!, "utf8").trim().split(/\r?\n/);
  expect(rows[0]).toContain("action");
  expect(rows.length).toBe(exported.length + 1);
  await page.getByLabel("Outcome").selectOption("denied");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("heading", { name: "No audit entries match" })).toBeVisible();
});

test("preferences: every date follows my profile", async () => {
  await page.getByRole("link", { name: "Preferences", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Profile and preferences" })).toBeVisible();
  await expectAccessible(page, "preferences");
  await page.getByLabel("Time zone").fill("Not/AZone");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByLabel("Time zone")).toHaveAttribute("aria-invalid", "true"); // the API's field error
  await page.getByLabel("Time zone").fill("UTC");
  await page.getByLabel("Date format").selectOption("YYYY-MM-DD");
  await page.getByLabel("Time format").selectOption("24h");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status").getByText("Preferences saved")).toBeVisible();
  await screenshot(page, "preferences");
  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  const when = page.locator("radiant-data-table td:nth-child(1)").first();
  await expect(when).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await page.reload(); // preferences come back with the session
  await expect(page.locator("radiant-data-table td:nth-child(1)").first()).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
});

test("security: new recovery codes, then a new authenticator", async () => {
  await page.getByRole("link", { name: "Security", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign-in security" })).toBeVisible();
  await expectAccessible(page, "security");
  const recovery = page.getByRole("region", { name: "Recovery codes" });
  await recovery.getByLabel("Current authenticator or recovery code").fill("000000");
  await recovery.getByRole("button", { name: "Replace recovery codes" }).click();
  await expect(page.getByRole("alert")).toBeVisible(); // a wrong code changes nothing
  await recovery.getByLabel("Current authenticator or recovery code").fill(await freshTotp(f.admin.totpSecret));
  await recovery.getByRole("button", { name: "Replace recovery codes" }).click();
  await expect(page.getByTestId("new-recovery-codes").getByRole("listitem").first()).toBeVisible();
  const codes = await page.getByTestId("new-recovery-codes").getByRole("listitem").allTextContents();
  expect(codes.length).toBeGreaterThan(0);
  await screenshot(page, "security-recovery-codes");
  await page.getByRole("button", { name: "I have saved them" }).click();
  // one of the new codes proves the current factor for the move to a new authenticator
  const authenticator = page.getByRole("region", { name: "Authenticator" });
  await authenticator.getByLabel("Current authenticator or recovery code").fill(codes[0].trim());
  await authenticator.getByRole("button", { name: "Set up a new authenticator" }).click();
  const secret = (await page.getByTestId("new-totp-secret").textContent())!.trim();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectAccessible(page, "new authenticator");
  await page.getByLabel("Code from the new authenticator").fill(await freshTotp(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").getByText("The new authenticator is active")).toBeVisible();
  await expect(page.getByTestId("new-recovery-codes").getByRole("listitem")).not.toHaveCount(0);
  // the factor change ended every earlier session: once the codes are saved, sign in with the new one
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByRole("status").filter({ hasText: "sign in again with the new one" })).toBeVisible();
  f.admin.totpSecret = secret;
  await signIn(page, f.admin.email, f.password, secret);
  await expect(page.getByText(`${f.admin.email} · super_admin`)).toBeVisible();
});

test("the session survives a reload and ends on sign-out", async () => {
  await page.reload(); // the access token was in memory only: the refresh cookie restores the session
  await expect(page.getByText(`${f.admin.email} · super_admin`)).toBeVisible();
  const cookies = await page.context().cookies();
  const refresh = cookies.find((c) => c.name === "radiant_console_refresh");
  expect(refresh).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/api/v2/auth/console" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("radiant_console_refresh");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Radiant" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in to Radiant" })).toBeVisible();
});

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}
