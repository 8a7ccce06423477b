import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { READINESS_CHECKS } from "../lib/readiness/check-catalogue";
import { expect, test } from "./fixtures";
import { axeViolations, createApp, emulateColorScheme, screenshotPage, signUp } from "./helpers";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("start a readiness run against the careful reference app and read its report", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await signUp(page);
  const reveal = await createApp(page, "Careful app");
  const key = await reveal.getByTestId("revealed-secret").inputValue();
  await page.getByRole("button", { name: "I've stored it" }).click();
  const appId = /\/dashboard\/apps\/(app_[0-9A-Za-z]+)/.exec(page.url())![1];

  // The reference app's endpoint and its token for following the run, through the API (their pages have their own tests).
  const headers = { origin: baseURL! };
  const port = await freePort();
  const endpoint = await page.request.post(`/api/apps/${appId}/webhooks`, {
    headers,
    data: { url: `http://127.0.0.1:${port}/webhooks`, description: "careful reference app" },
  });
  expect(endpoint.status()).toBe(201);
  const made = await page.request.post("/api/account/tokens", { headers, data: { name: "readiness", scope: "read", expires_in_days: 7 } });
  expect(made.status()).toBe(201);
  // The consent checks refresh at /oauth/token, and the standards check authorises a UK consent, with the app's OAuth client.
  const oauthClient = await (await page.request.get(`/api/apps/${appId}/oauth-client`)).json();
  const oauthSecret = await page.request.post(`/api/apps/${appId}/oauth-client/secret`, { headers });
  expect(oauthSecret.status()).toBe(201);

  const child = spawn(process.execPath, [path.resolve("examples/readiness-careful/app.mjs")], {
    env: {
      ...process.env,
      OPENBANK_URL: baseURL,
      OPENBANK_TOKEN: (await made.json()).secret,
      OPENBANK_API_KEY: key,
      OPENBANK_APP: appId,
      WEBHOOK_SECRET: (await endpoint.json()).secret,
      PORT: String(port),
      OPENBANK_CLIENT_ID: oauthClient.client_id,
      OPENBANK_CLIENT_SECRET: (await oauthSecret.json()).client_secret,
      OPENBANK_REDIRECT_URI: "http://localhost:8080/callback",
    },
    stdio: "ignore",
  });
  try {
    await page.goto(`/dashboard/apps/${appId}/readiness`);
    await expect(page.getByRole("heading", { name: "Partner readiness" })).toBeVisible();
    await page.getByRole("button", { name: "Start readiness run" }).click();
    await page.waitForURL(/\/readiness\/rdy_[0-9A-Za-z]+$/);
    await expect(page.getByRole("heading", { name: "Readiness report" })).toBeVisible();

    // The page follows the run by itself until it ends.
    await expect(page.getByTestId("run-status")).toHaveText("Passed", { timeout: 240_000 });
    const checks = page.getByTestId("readiness-check");
    await expect(checks).toHaveCount(READINESS_CHECKS.length);
    for (const check of await checks.all()) await expect(check).toContainText("Pass");
    const retries = page.locator('[data-check="payment-retries"]');
    await expect(retries.getByRole("link", { name: /^req_/ })).toHaveCount(3);
    await expect(page.getByRole("link", { name: "Download report.json" })).toHaveAttribute("href", /\/report\.json$/);

    // An evidence link opens the request's detail.
    const evidence = retries.getByRole("link", { name: /^req_/ }).first();
    const requestId = await evidence.textContent();

    for (const scheme of ["light", "dark"] as const) {
      await emulateColorScheme(page, scheme);
      expect(await axeViolations(page), scheme).toEqual([]);
    }
    await emulateColorScheme(page, "light");
    await screenshotPage(page, "readiness-report", { fullPage: true });

    // A delivery's evidence opens that one delivery (its attempts) on the app's timeline.
    const signatures = page.locator('[data-check="webhook-signatures"]');
    const delivery = signatures.getByRole("link", { name: /^dlv_/ }).first();
    const deliveryId = (await delivery.textContent())!;
    await delivery.click();
    await page.waitForURL(`**/timeline?q=${deliveryId}`);
    await expect(page.locator("#timeline-detail")).toContainText(deliveryId);
    await screenshotPage(page, "readiness-evidence-delivery", { fullPage: true });
    await page.goBack();

    await evidence.click();
    await page.waitForURL(`**/dashboard/requests/${requestId}`);
    await expect(page.getByText("x-readiness-fault").first()).toBeVisible();
  } finally {
    child.kill();
  }
});
