import { defineConfig } from "@playwright/test";

// The console's browser suite, against the running local stack (the gateway serves the build).
// Chromium comes from Debian's package (`executablePath`); Playwright downloads no browser.
// Run through tests/e2e/test_e2e_console.py, which makes the tenant, administrators and approval
// the suite signs in with and passes them in CONSOLE_E2E_FIXTURES.
export default defineConfig({
  testDir: "tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.GATEWAY_URL ?? "http://127.0.0.1:8000",
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-dev-shm-usage"],
    },
    trace: "retain-on-failure",
  },
});
