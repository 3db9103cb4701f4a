// Opens a password reset link in headless Chromium (Debian's package), sets the new password on the
// page and prints what the page did as JSON: the API it posted to, that call's status, and the text
// the page showed. Run by test_identity_reset_page.py with the console's Playwright packages.
// Usage: node reset_password_page.mjs <link> <new password>
import { createRequire } from "node:module";

const require = createRequire(process.env.PLAYWRIGHT_FROM);
const { chromium } = require("playwright-core");

const [link, newPassword] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  const violations = [];
  page.on("console", (message) => {
    if (message.type() === "error") violations.push(message.text());
  });
  await page.goto(link);
  await page.fill("#newPassword", newPassword);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.click("button[type=submit]"),
  ]);
  await page.waitForFunction(() => !document.getElementById("done").hidden || document.getElementById("error").textContent);
  const shown = await page.evaluate(() => ({
    done: document.getElementById("done").hidden ? "" : document.getElementById("done").textContent,
    error: document.getElementById("error").textContent,
  }));
  console.log(JSON.stringify({ posted: new URL(response.url()).pathname, status: response.status(), ...shown, violations }));
} finally {
  await browser.close();
}
