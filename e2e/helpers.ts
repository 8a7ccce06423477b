import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { linkIn, Mailbox } from "../tests/support/mailbox";
import pg from "pg";

/** better-sqlite3 ships no type declarations: the little this file uses of it. */
type SqliteDatabase = new (file: string) => { prepare(sql: string): { run(...params: unknown[]): unknown }; close(): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Playwright runs this file as CommonJS
const Database = require("better-sqlite3") as SqliteDatabase;

/** A password the policy accepts (length, variety, not common, not the email). */
export const GOOD_PASSWORD = "Correct-Horse-Battery-42";

/** What the e2e services' SMTP sink received (scripts/test-services.mjs writes it under data/e2e/mail). */
export const mailbox = new Mailbox(path.resolve("data", "e2e", "mail"));

/** The newest link mailed to `to` (about `subject`) whose path starts with `prefix`, e.g. "/verify-email/". */
export async function mailedLink(to: string, subject: string, prefix: string, options: { after?: number } = {}): Promise<string> {
  return linkIn(await mailbox.next({ to, subject }, options), prefix);
}

/** Opens the verification link from the mail the developer received and confirms it, as they would. */
export async function verifyEmail(page: Page, email: string): Promise<void> {
  await page.goto(await mailedLink(email, "Verify your email address", "/verify-email/"));
  await expect(page.getByRole("heading", { level: 1, name: "Verify your email address" })).toBeVisible();
  await page.getByRole("button", { name: "Verify email address" }).click();
  await expect(page.getByText("Your email address is verified")).toBeVisible();
}

export function uniqueEmail(label = "dev"): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export async function fillSignUp(page: Page, fields: { name?: string; email: string; password: string }): Promise<void> {
  await page.getByLabel("Name", { exact: true }).fill(fields.name ?? "Ada Lovelace");
  await page.getByLabel("Work email").fill(fields.email);
  await page.getByLabel("Password", { exact: true }).fill(fields.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Signs a new developer up through the form; they land on the dashboard. */
export async function signUp(page: Page): Promise<{ email: string; password: string }> {
  const account = { email: uniqueEmail(), password: GOOD_PASSWORD };
  await page.goto("/signup");
  await fillSignUp(page, account);
  await page.waitForURL("**/dashboard");
  return account;
}

/** From the dashboard: registers an app and returns the one-time key reveal on its page. */
export async function createApp(page: Page, name: string): Promise<Locator> {
  await page.getByRole("link", { name: "Create app", exact: true }).click();
  await page.waitForURL("**/dashboard/apps/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create app", exact: true }).click();
  await page.waitForURL(/\/dashboard\/apps\/app_[0-9A-Za-z]+$/);
  const reveal = page.getByTestId("key-reveal");
  await expect(reveal).toBeVisible();
  return reveal;
}

type Execution = { status: number; body: { data?: Array<{ id: string }>; code?: string } };

/**
 * Opens the API reference's interactive console as a reader does: the pointer moves. The page
 * listens for that intent only once hydrated (a move before then goes unnoticed, and the console
 * never loads: the old flake under load), so this first waits for the console to say it listens
 * (`data-console`), then for Swagger UI to have rendered the document (`ready`), whatever the load.
 */
export async function openConsole(page: Page): Promise<void> {
  const console = page.locator("[data-console]");
  await expect(console).toHaveAttribute("data-console", /^(listening|loading|ready)$/);
  if ((await console.getAttribute("data-console")) === "listening") {
    await page.mouse.move(300, 300);
    await page.mouse.move(320, 340);
  }
  await expect(console).toHaveAttribute("data-console", "ready", { timeout: 20_000 });
}

/**
 * In the docs: opens GET /v1/accounts (if it is not open yet), switches on Try-it-out if
 * needed, presses Execute, and returns the gateway's answer after Swagger has shown it.
 */
export async function executeListAccounts(page: Page): Promise<Execution> {
  // The console loads on the reader's first intent (pointer, keys, scroll, focus).
  await openConsole(page);
  const operation = page.locator("#operations-Accounts-listAccounts");
  const execute = operation.getByRole("button", { name: "Execute" });
  const tryItOut = operation.getByRole("button", { name: "Try it out" });
  await expect(operation).toBeVisible();
  if (!(await execute.isVisible()) && !(await tryItOut.isVisible())) await operation.locator(".opblock-summary-control").click();
  await expect(execute.or(tryItOut)).toBeVisible();
  if (await tryItOut.isVisible()) await tryItOut.click();

  const [response] = await Promise.all([
    page.waitForResponse((candidate) => new URL(candidate.url()).pathname === "/v1/accounts" && candidate.request().method() === "GET"),
    execute.click(),
  ]);
  const execution: Execution = { status: response.status(), body: await response.json() };
  const live = operation.locator(".live-responses-table .response");
  await expect(live.locator(".response-col_status")).toHaveText(String(execution.status));
  return execution;
}

const axePath = path.join(process.cwd(), "node_modules", "axe-core", "axe.min.js");

/** axe-core's WCAG 2.x A/AA rules on the current page: the ids and targets of any violation. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  });
}

/** Switches the colour scheme of a loaded page and ends the colour transitions it starts: axe must not judge a colour half-way. */
export async function emulateColorScheme(page: Page, colorScheme: "light" | "dark"): Promise<void> {
  await page.emulateMedia({ colorScheme });
  await page.evaluate(() => {
    for (const animation of document.getAnimations()) if (animation instanceof CSSTransition) animation.finish();
  });
}

/**
 * With SCREENSHOT_DIR set: the page in light and dark, and at a phone's width (390 px, light), as
 * `<name>-light.png`, `<name>-dark.png` and `<name>-phone-light.png`. `prepare` runs after each
 * change of size or scheme (e.g. to scroll something into view).
 */
export async function screenshotPage(
  page: Page,
  name: string,
  options: { fullPage?: boolean; prepare?: () => Promise<void> } = {},
): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  const shots = [
    { suffix: "light", scheme: "light", size: viewport },
    { suffix: "dark", scheme: "dark", size: viewport },
    { suffix: "phone-light", scheme: "light", size: { width: 390, height: 844 } },
  ] as const;
  for (const shot of shots) {
    await page.setViewportSize(shot.size);
    await page.emulateMedia({ colorScheme: shot.scheme });
    await options.prepare?.();
    // Transitions finished: a button caught mid-way from dark to light colours is not what a person sees.
    await page.screenshot({ path: `${dir}/${name}-${shot.suffix}.png`, fullPage: options.fullPage ?? false, animations: "disabled" });
  }
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: "light" });
}

/** The e2e portal's database, as scripts/test-services.mjs made it (SQLite file, or the TEST_DATABASE_URL database). */
export function e2eDatabaseUrl(): string {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return `file:${path.resolve("data", "e2e", "portal.db")}`;
  const url = new URL(base);
  url.pathname = `/${process.env.TEST_PG_DB_PREFIX ?? "obp"}_e2e`;
  return url.toString();
}

/** Moves a developer's sessions' last proof of identity back by `minutes`, so the next sensitive action asks for a step-up. */
export async function ageSessionProof(email: string, minutes: number): Promise<void> {
  const url = e2eDatabaseUrl();
  const at = new Date(Date.now() - minutes * 60_000);
  const sql = `UPDATE "PortalSession" SET "verifiedAt" = $1 WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $2)`;
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    try {
      // Prisma keeps DateTime in SQLite as RFC 3339 text.
      db.prepare(sql.replace(/\$\d/g, "?")).run(at.toISOString().replace("Z", "+00:00"), email);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql, [at, email]);
  } finally {
    await client.end();
  }
}
