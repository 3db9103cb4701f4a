import { expect, test } from "@playwright/test";
import { fixtures } from "./support";

// Seed 000's suspension: an operator suspends a tenant, and that tenant's open console is signed out
// on its next call (the gateway refuses the tenant's tokens from the suspension on), saying why;
// the refresh cookie cannot bring the session back.
test("an operator suspends the tenant: its open console is signed out", async ({ page, request }) => {
  const { suspension: s, password } = fixtures();
  await page.goto("/console/");
  await page.getByLabel("Email").fill(s.email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`${s.email} · super_admin`)).toBeVisible();

  const suspended = await request.post(`/api/v2/saas/tenants/${s.tenantId}/suspend`, {
    headers: { Authorization: `Bearer ${s.operatorToken}` },
    data: { reason: "Payment overdue (console test)" },
  });
  expect(suspended.status(), await suspended.text()).toBe(200);

  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Radiant" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "suspended" })).toBeVisible();
  await page.reload(); // the session does not come back from the cookie either
  await expect(page.getByRole("heading", { name: "Sign in to Radiant" })).toBeVisible();
});
