import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createApp, executeListAccounts, openConsole, screenshotPage, signUp } from "./helpers";

// Issue 21 findings 5 and 8 in the production build: the pages' nonce-based CSP (fresh for each
// response, on every script, with the theme script and Swagger UI working under it), the static
// and API headers, real 404 statuses for another team's pages, and next-auth's callbackUrl.

const nonceOf = (policy: string | undefined) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

test("every page response carries a CSP with a fresh nonce, and each of its scripts carries that nonce", async ({ request }) => {
  const seen = new Set<string>();
  for (const path of ["/", "/docs/api", "/docs/guides/quickstart", "/signin", "/", "/docs/api"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const policy = response.headers()["content-security-policy"];
    expect(policy, path).toContain("'strict-dynamic'");
    expect(policy, path).toContain("object-src 'none'");
    expect(policy, path).toContain("base-uri 'none'");
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const nonce = nonceOf(policy);
    expect(nonce, path).toBeTruthy();
    expect(seen.has(nonce!), `${path}: a nonce served twice`).toBe(false);
    seen.add(nonce!);
    // Every <script> of the document, Next's and the theme script alike, carries this response's nonce.
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    expect(response.headers()["cross-origin-opener-policy"]).toBe("same-origin");
    expect(response.headers()["cross-origin-resource-policy"]).toBe("same-origin");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    // PORTAL_URL is http here: no HSTS (lib/http/content-security-policy.test.ts covers https).
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  }
});

test("API answers, the portal's and the gateway's, carry a policy that loads and frames nothing", async ({ request }) => {
  for (const path of ["/api/health", "/v1/accounts"]) {
    const response = await request.get(path);
    expect(response.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers()["x-frame-options"], path).toBe("DENY");
  }
});

test("the theme script runs under the policy: a pinned dark theme is on <html> before React hydrates", async ({ page }) => {
  await page.goto("/docs");
  await page.evaluate(() => localStorage.setItem("theme", "dark"));
  // Scripts other than the theme script are held back: only the inline script can have set the class.
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});

test("the guard notices a violation: an injected script without the nonce is refused and reported", async ({ page, cspViolations }) => {
  await page.goto("/docs");
  const ran = await page.evaluate(async () => {
    // What a stored XSS would try: markup with an inline event handler.
    const div = document.createElement("div");
    div.innerHTML = '<img src="data:," onerror="window.__handler = true">';
    document.body.append(div);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { handler: (window as unknown as { __handler?: boolean }).__handler === true };
  });
  // An inline event handler never runs under the policy, and the guard saw the refusal.
  expect(ran.handler).toBe(false);
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(cspViolations.join("\n")).toMatch(/script-src/);
  cspViolations.length = 0; // provoked on purpose: this test passes
});

test("Swagger UI loads and Try-it-out reaches the gateway under the policy", async ({ page }) => {
  await signUp(page);
  await createApp(page, "CSP app");
  await page.goto("/docs/api/accounts");
  await openConsole(page);
  await expect(page.locator("#operations-Accounts-listAccounts")).toBeVisible();
  await screenshotPage(page, "csp-docs-api");
  const result = await executeListAccounts(page);
  expect(result.status).toBe(200);
  expect(result.body.data!.length).toBeGreaterThan(0);
  await screenshotPage(page, "csp-docs-api-executed", {
    prepare: () => page.locator("#operations-Accounts-listAccounts .responses-wrapper").scrollIntoViewIfNeeded(),
  });
});

/** A signed-in stranger's browser (its own context) visiting `path`: the HTTP status. */
async function statusFor(page: Page, path: string): Promise<number | undefined> {
  return (await page.goto(path))?.status();
}

test("another team's dashboard pages answer a real 404 status", async ({ page, browser }) => {
  await signUp(page);
  await createApp(page, "Owner's app");
  const appPath = new URL(page.url()).pathname;
  const appId = appPath.split("/").at(-1)!;
  await screenshotPage(page, "csp-dashboard-app", { fullPage: false });
  await page.goto("/dashboard/teams");
  const teamHref = await page.locator('a[href^="/dashboard/teams/team_"]').first().getAttribute("href");

  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await signUp(stranger);
  for (const path of [
    appPath,
    `${appPath}/logs`,
    `${appPath}/logs/req_0000000000000000000000`,
    `${appPath}/sandbox`,
    `${appPath}/analytics`,
    `${appPath}/go-live`,
    `${appPath}/webhooks/whe_0000000000000000000000`,
    "/dashboard/apps/app_doesnotexist000000000",
    ...(teamHref ? [teamHref, `${teamHref}/audit`] : []),
  ]) {
    expect(await statusFor(stranger, path), path).toBe(404);
  }
  // The not-found page still reads as before.
  await stranger.goto(appPath);
  await expect(stranger.getByRole("heading", { name: "No such app" })).toBeVisible();
  // The owner still gets every page.
  for (const path of [appPath, `${appPath}/logs`, `${appPath}/sandbox`]) expect(await statusFor(page, path), path).toBe(200);
  expect(appId).toMatch(/^app_/);
  await strangerContext.close();
});

test("next-auth refuses a callbackUrl parameter it cannot parse (an invalid port) with 400 and ignores such a cookie, never 500", async ({
  request,
  baseURL,
}) => {
  const bad = `${baseURL}.evil.example/`; // http://localhost:3231.evil.example/: the port is not a number
  for (const path of ["/api/auth/signin", "/api/auth/session", "/api/auth/providers"]) {
    const viaParameter = await request.get(`${path}?${new URLSearchParams({ callbackUrl: bad })}`, { maxRedirects: 0 });
    expect(viaParameter.status(), path).toBe(400);
    expect(viaParameter.headers()["content-type"], path).toContain("application/problem+json");
  }

  const viaCookie = await request.get("/api/auth/session", { headers: { cookie: `next-auth.callback-url=${encodeURIComponent(bad)}` } });
  expect(viaCookie.status()).toBeLessThan(500);
  expect(viaCookie.headers()["set-cookie"] ?? "").not.toContain("evil.example");
});
