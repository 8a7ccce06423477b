import { spawn, type ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createApp, executeListAccounts, screenshotPage, signUp } from "./helpers";

/**
 * The consent flow as a customer and a developer live it: the sample third-party app
 * (examples/oauth-sample-app, its own origin) sends the customer to the bank's login and
 * consent pages on the portal, gets tokens and shows only the accounts the customer chose.
 */

const portalPort = Number(process.env.E2E_PORTAL_PORT ?? 3200);
const samplePort = portalPort + 1020;
const sampleUrl = `http://localhost:${samplePort}`;
let sample: ChildProcess | undefined;

test.afterAll(() => {
  if (sample && sample.exitCode === null) sample.kill("SIGTERM");
});

async function startSample(baseURL: string, clientId: string, clientSecret: string) {
  sample = spawn(process.execPath, ["examples/oauth-sample-app/server.mjs"], {
    env: { ...process.env, SANDBOX_URL: baseURL, CLIENT_ID: clientId, CLIENT_SECRET: clientSecret, PORT: String(samplePort) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    sample!.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Budget Buddy") && resolve());
    sample!.on("exit", (code) => reject(new Error(`sample app exited with ${code}`)));
  });
}

/** From the sample app's home to the bank's consent screen, logged in as good_credit. */
async function logInAtBank(page: Page) {
  await page.goto(sampleUrl);
  await page.getByRole("link", { name: "Connect your bank" }).click();
  await page.waitForURL(/\/oauth\/interaction\//);
  await expect(page.getByRole("heading", { name: "Log in to Open Bank" })).toBeVisible();
  await expect(page.getByText("Budget Buddy wants to connect")).toBeVisible();
  await page.getByLabel("Username").fill("user_good_credit");
  await page.getByLabel("Password").fill("pass_good_credit");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Share accounts with Budget Buddy" })).toBeVisible();
}

test("sample app → bank login → consent → callback → tokens → only the chosen accounts; deny; revoke", async ({
  page,
  context,
  baseURL,
}) => {
  // The developer: an app, its client secret and the sample app's redirect URI.
  await signUp(page);
  await createApp(page, "Budget Buddy");
  const appUrl = page.url();
  const oauth = page.getByTestId("oauth-client");
  const clientId = (await oauth.getByTestId("client-id").textContent())!.trim();
  expect(clientId).toMatch(/^cli_/);
  await oauth.getByRole("button", { name: "Generate secret" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate a client secret" });
  await dialog.getByRole("button", { name: "Generate secret" }).click();
  const clientSecret = await page.getByTestId("revealed-client-secret").inputValue();
  expect(clientSecret).toMatch(/^cs_sandbox_/);
  await screenshotPage(page, "client-secret-reveal");
  await page.getByRole("dialog", { name: "Your client secret" }).getByRole("button", { name: "I've stored it" }).click();
  await oauth.getByLabel("Redirect URIs").fill(`${sampleUrl}/callback`);
  await oauth.getByRole("button", { name: "Save redirect URIs" }).click();
  await expect(oauth.getByText("Saved.")).toBeVisible();
  await startSample(baseURL!, clientId, clientSecret);

  // The customer: a wrong password first, then the real one.
  const customer = await context.newPage();
  await customer.goto(sampleUrl);
  await customer.getByRole("link", { name: "Connect your bank" }).click();
  await customer.getByLabel("Username").fill("user_good_credit");
  await customer.getByLabel("Password").fill("wrong-password");
  await customer.getByRole("button", { name: "Log in" }).click();
  await expect(customer.getByRole("alert")).toContainText("The username or password is not right");
  await expect(customer.getByLabel("Username")).toHaveValue("user_good_credit");
  await customer.getByLabel("Password").fill("pass_good_credit");
  await customer.getByRole("button", { name: "Log in" }).click();

  // Consent: the app's name, the permissions, one checkbox per account; share two of three.
  await expect(customer.getByRole("heading", { name: "Share accounts with Budget Buddy" })).toBeVisible();
  await expect(customer.getByText("See the chosen accounts' transactions")).toBeVisible();
  const boxes = customer.getByRole("group", { name: "Choose the accounts to share" }).getByRole("checkbox");
  await expect(boxes).toHaveCount(3);
  await boxes.nth(0).check();
  await boxes.nth(2).check();
  const chosen = [await boxes.nth(0).getAttribute("value"), await boxes.nth(2).getAttribute("value")];
  await customer.getByRole("button", { name: "Allow access" }).click();

  // Back at the app, which exchanged the code and called /v1/accounts with the token.
  await customer.waitForURL(`${sampleUrl}/accounts`);
  const accounts = customer.getByTestId("account");
  await expect(accounts).toHaveCount(2);
  expect((await accounts.evaluateAll((items) => items.map((item) => item.getAttribute("data-account-id")))).sort()).toEqual(
    [...chosen].sort(),
  );
  const consentId = (await customer.getByTestId("consent-id").textContent())!.trim();

  // Deny: the app hears access_denied and shares nothing.
  await logInAtBank(customer);
  await customer.getByRole("button", { name: "Deny" }).click();
  await customer.waitForURL(new RegExp(`^${sampleUrl}/callback`));
  await expect(customer.getByTestId("callback-error")).toContainText("access_denied");

  // The developer sees the consent on the app page and revokes it; the app loses access at once.
  await page.goto(appUrl);
  const row = page.getByTestId("consents-table").locator(`[data-consent-id="${consentId}"]`);
  await expect(row).toContainText("authorised");
  await expect(row).toContainText("good_credit");
  await row.getByRole("button", { name: `Revoke consent ${consentId}` }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke this consent?" });
  await expect(confirm).toContainText("401 consent_revoked");
  await confirm.getByRole("button", { name: "Revoke consent" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("revoked");

  await customer.goto(`${sampleUrl}/accounts`);
  await expect(customer.getByTestId("api-error")).toContainText("consent_revoked");
});

test("an unregistered redirect URI gets the bank's error page, not a redirect", async ({ page }) => {
  await page.goto(
    `/oauth/authorize?client_id=cli_0000000000000000000000&redirect_uri=${encodeURIComponent("https://evil.example/cb")}&response_type=code&scope=accounts:read`,
  );
  await expect(page.getByRole("heading", { name: "This request cannot continue" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("client is invalid");
  expect(new URL(page.url()).host).toBe(`localhost:${portalPort}`);
});

test("the API reference authorises as a persona: Try-it-out sees only that customer's accounts", async ({ page }) => {
  await signUp(page);
  await createApp(page, "Docs consent app");
  await page.goto("/docs/api/accounts");
  const picker = page.getByLabel("Use one of your keys");
  await expect(picker).toBeEnabled();
  await picker.selectOption((await picker.locator("option", { hasText: "Docs consent app" }).getAttribute("value"))!);
  expect((await executeListAccounts(page)).body.data).toHaveLength(18);

  const panel = page.getByTestId("persona-consent");
  await panel.getByLabel("Persona").selectOption("student");
  await panel.getByRole("button", { name: "Authorise as student" }).click();
  await expect(page.getByTestId("consent-status")).toContainText("student");
  const asStudent = await executeListAccounts(page);
  expect(asStudent.status).toBe(200);
  expect(asStudent.body.data).toHaveLength(3);

  await panel.getByRole("button", { name: "Stop using consent" }).click();
  expect((await executeListAccounts(page)).body.data).toHaveLength(18);
});
