import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { expect, test } from "./fixtures";
import { ageSessionProof, axeViolations, emulateColorScheme, screenshotPage, signUp } from "./helpers";

const CLI = path.resolve("packages/cli/bin/openbank.mjs");

/** The CLI's environment: its own config folder, no browser, and none of the caller's credentials or profile choices. */
function cliEnv(configDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBANK_CONFIG_DIR: configDir, OPENBANK_NO_BROWSER: "1" };
  for (const name of ["OPENBANK_TOKEN", "OPENBANK_API_KEY", "OPENBANK_URL", "OPENBANK_PROFILE", "OPENBANK_APP"]) delete env[name];
  return env;
}

/** The built CLI as a child process, with its own config folder and no browser to open. */
function openbank(args: string[], baseURL: string, configDir: string) {
  const child = spawn("node", [CLI, "--base-url", baseURL, ...args], {
    env: cliEnv(configDir),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let stderr = "";
  createInterface({ input: child.stdout }).on("line", (line) => lines.push(line));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, lines, exited, stderr: () => stderr };
}

test("openbank login: the code from the terminal is confirmed in the browser (sign in, step-up, approve) and the CLI signs in", async ({
  page,
  baseURL,
}) => {
  const account = await signUp(page);
  await page.context().clearCookies(); // signed out: the verification link must bring them back after signing in

  const configDir = mkdtempSync(path.join(tmpdir(), "openbank-e2e-"));
  const login = openbank(["login", "--no-browser"], baseURL!, configDir);
  await expect.poll(() => login.lines.find((line) => line.startsWith("Your one-time code:")), { timeout: 15_000 }).toBeTruthy();
  const userCode = login.lines
    .find((line) => line.startsWith("Your one-time code:"))!
    .split(": ")[1]
    .trim();
  expect(userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
  const link = login.lines.map((line) => line.trim()).find((line) => line.startsWith(`${baseURL}/device?user_code=`));
  expect(link, login.lines.join("\n")).toBe(`${baseURL}/device?user_code=${userCode}`);

  // The link asks them to sign in, then comes back with the code filled in.
  await page.goto(link!);
  await page.waitForURL(/\/signin\?/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/device\?user_code=/);
  await expect(page.getByRole("heading", { name: "Sign in the openbank CLI" })).toBeVisible();
  await expect(page.getByLabel("Code")).toHaveValue(userCode);
  await expect(page.getByRole("note")).toContainText("Only continue if you started this in your terminal");
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "device-code");
  await page.getByRole("button", { name: "Continue" }).click();

  // Who is asking, the code shown big, what to grant.
  await expect(page.getByRole("heading", { name: "Allow the openbank CLI to sign in as you?" })).toBeFocused();
  await expect(page.getByTestId("device-user-code")).toHaveText(userCode);
  await expect(page.getByText("Application")).toBeVisible();
  await expect(page.getByLabel(/^Read and write/)).toBeChecked();
  expect(await axeViolations(page)).toEqual([]);
  await emulateColorScheme(page, "dark");
  expect(await axeViolations(page)).toEqual([]);
  await emulateColorScheme(page, "light");
  await screenshotPage(page, "device-confirm", { fullPage: true });

  // Approving needs a recent proof of identity, as creating a token does.
  await ageSessionProof(account.email, 11);
  await page.getByLabel(/^Read and write/).check();
  await page.getByRole("button", { name: "Approve" }).click();
  const confirm = page.getByRole("dialog", { name: "Confirm it's you" });
  await expect(confirm).toBeVisible();
  await confirm.getByLabel("Password", { exact: true }).fill(account.password);
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm).toBeHidden();

  await expect(page.getByRole("heading", { name: "The CLI is signed in" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await emulateColorScheme(page, "dark");
  expect(await axeViolations(page)).toEqual([]);
  await emulateColorScheme(page, "light");
  await screenshotPage(page, "device-done");

  expect(await login.exited, login.stderr()).toBe(0);
  expect(login.lines.at(-1)).toContain(account.email);

  const whoami = openbank(["whoami", "--json"], baseURL!, configDir);
  expect(await whoami.exited, whoami.stderr()).toBe(0);
  const me = JSON.parse(whoami.lines.join("\n"));
  expect(me.user.email).toBe(account.email);
  expect(me.token).toMatchObject({ scope: "write", status: "active" });
  expect(me.token.name).toMatch(/^openbank CLI on /);
});

test("a wrong code says so on the page, and Deny ends the CLI's sign-in", async ({ page, baseURL }) => {
  await signUp(page);
  const configDir = mkdtempSync(path.join(tmpdir(), "openbank-e2e-"));
  const login = openbank(["login", "--no-browser", "--scope", "read"], baseURL!, configDir);
  await expect.poll(() => login.lines.find((line) => line.startsWith("Your one-time code:")), { timeout: 15_000 }).toBeTruthy();
  const userCode = login.lines
    .find((line) => line.startsWith("Your one-time code:"))!
    .split(": ")[1]
    .trim();

  await page.goto("/device");
  const input = page.getByLabel("Code");
  await expect(input).toBeFocused();
  await input.fill("BBBB-BBBB");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("No sign-in is waiting for this code")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "device-code-unknown");

  await input.fill(userCode.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("device-user-code")).toHaveText(userCode);
  // The CLI asked for read only: write cannot be granted.
  await expect(page.getByLabel(/^Read and write/)).toBeDisabled();
  await expect(page.getByRole("radio", { name: /^Read(?! and write)/ })).toBeChecked();
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByRole("heading", { name: "Sign-in denied" })).toBeVisible();
  expect(await login.exited).toBe(3);
  expect(login.stderr()).toMatch(/denied/);
});
