import { createHmac } from "node:crypto";
import { appendFileSync, readFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// What tests/e2e/test_e2e_console.py made for this run (a prod tenant, its first super_admin, an
// approval another administrator filed) and where the stack's inbox is.
export interface Fixtures {
  gatewayUrl: string;
  mailApiUrl: string;
  tenantId: string;
  password: string;
  admin: { email: string; totpSecret: string };
  /** A second super_admin of the tenant: decides what the first one requests. */
  approver: { email: string; totpSecret: string };
  approval: { id: string; resourceId: string };
  /** A dev tenant an operator created (its first super_admin accepted), for the suspension test. */
  suspension: { tenantId: string; email: string; operatorToken: string };
}

export function fixtures(): Fixtures {
  const path = process.env.CONSOLE_E2E_FIXTURES;
  if (!path) throw new Error("CONSOLE_E2E_FIXTURES is not set: run the suite through tests/e2e/test_e2e_console.py");
  return JSON.parse(readFileSync(path, "utf8")) as Fixtures;
}

// --- TOTP (RFC 6238: SHA-1, 6 digits, 30 s), as an authenticator app computes it --------------------
function base32(secret: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, "0");
}

const usedSteps = new Map<string, Set<number>>();

/** A code the server has not seen yet: identity refuses a code used once (replay) but accepts the next
 * 30 s step's code too (clock drift), so a second sign-in within one step takes the next step's code;
 * only a third waits for the clock. (Not the previous step's: the suite's fixtures may have spent it.) */
export async function freshTotp(secret: string): Promise<string> {
  const used = usedSteps.get(secret) ?? new Set<number>();
  usedSteps.set(secret, used);
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    const free = [step, step + 1].find((s) => !used.has(s));
    if (free !== undefined) {
      used.add(free);
      return totpAt(secret, free);
    }
    await new Promise((r) => setTimeout(r, (step + 1) * 30_000 - now + 200));
  }
}

// --- the stack's inbox (MailDev's REST API) ----------------------------------------------------------
interface Mail {
  subject: string;
  text: string;
  to: Array<{ address: string }>;
}

export async function waitForMail(f: Fixtures, address: string, containing = ""): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const inbox = (await (await fetch(`${f.mailApiUrl}/email`)).json()) as Mail[];
        found = inbox.find(
          (m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()) && m.text.includes(containing),
        );
        return Boolean(found);
      },
      { timeout: 30_000, message: `an email to ${address}` },
    )
    .toBe(true);
  return found!;
}

// --- accessibility and evidence ----------------------------------------------------------------------
/** axe-core over the page (into shadow roots): no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = blocking.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `accessibility of ${screen}`).toEqual([]);
}

/** With CONSOLE_SCREENSHOTS set (`make console-screenshots`), a full-page picture of the screen. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.CONSOLE_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** How long a screen took to show its data, from the navigation (or action) `shown` starts with to
 * the data on screen: reported in the run's output and, with CONSOLE_TIMINGS set, appended to that
 * JSON-lines file as `{screen, ms}` (the pytest drivers print the table); never asserted. */
export async function timed(info: TestInfo, screen: string, shown: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  await shown();
  const ms = Date.now() - t0;
  info.annotations.push({ type: "render-ms", description: `${screen}: ${ms} ms` });
  console.log(`render ${screen}: ${ms} ms`);
  recordTiming(screen, ms);
}

/** Appends `{screen, ms}` to $CONSOLE_TIMINGS (JSON lines), when it is set. */
export function recordTiming(screen: string, ms: number): void {
  const file = process.env.CONSOLE_TIMINGS;
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify({ screen, ms }) + "\n");
}
