import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { axeViolations, createApp, emulateColorScheme, openConsole, screenshotPage, signUp } from "./helpers";

/**
 * The standards' API references (UK Open Banking 4.0, Berlin Group NextGenPSD2 1.3.11): listed on the
 * API reference and in the sidebar, each page with its operations, downloads and Swagger UI over the
 * standard's generated document; Try-it-out calls go through the gateway with the developer's key.
 */

const operationCount = async (page: Page) => page.getByTestId("operation-list").locator("li").count();

test("the API reference lists the standards, and each standard's page renders its document with the downloads", async ({ page }) => {
  // Two large documents rendered by Swagger UI, each axe-checked in both schemes.
  test.setTimeout(test.info().timeout * 3);
  await page.goto("/docs/api");
  const standards = page.getByTestId("api-standards");
  await expect(standards.getByRole("link", { name: /UK Open Banking Read\/Write API 4\.0/ })).toHaveAttribute(
    "href",
    "/docs/api/uk-open-banking",
  );
  await expect(standards.getByRole("link", { name: /Berlin Group NextGenPSD2 1\.3\.11/ })).toHaveAttribute(
    "href",
    "/docs/api/berlin-group",
  );
  await screenshotPage(page, "docs-api-standards", {
    prepare: () => standards.evaluate((list) => window.scrollTo(0, list.getBoundingClientRect().top + window.scrollY - 160)),
  });

  for (const [path, title, label, json] of [
    ["/docs/api/uk-open-banking", "UK Open Banking Read/Write API 4.0", "UK Open Banking 4.0 API", "/openapi/uk-open-banking.json"],
    ["/docs/api/berlin-group", "Berlin Group NextGenPSD2 1.3.11", "Berlin Group NextGenPSD2 API", "/openapi/berlin-group.json"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Docs" }).first().getByRole("link", { name: label, exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    const downloads = page.getByTestId("standard-downloads");
    await expect(downloads.getByRole("link", { name: "OpenAPI 3.1 (JSON)" })).toHaveAttribute("href", json);
    await expect(downloads.getByRole("link", { name: "Postman collection (v2.1)" })).toHaveAttribute(
      "href",
      /^\/postman\/.+\.postman_collection\.json$/,
    );
    // The document the console renders is the one the page lists.
    const document = (await (await page.request.get(json)).json()) as { paths: Record<string, Record<string, unknown>> };
    const listed = Object.values(document.paths).reduce((total, item) => total + Object.keys(item).length, 0);
    expect(await operationCount(page)).toBe(listed);
    await screenshotPage(page, `docs-api-${path.split("/").pop()}`);
    if (listed)
      await screenshotPage(page, `docs-api-${path.split("/").pop()}-operations`, {
        prepare: () =>
          page
            .locator("#operations-title")
            .evaluate((heading) => window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 90)),
      });
    await screenshotPage(page, `docs-api-${path.split("/").pop()}-try`, {
      prepare: () =>
        page.locator("#try-title").evaluate((heading) => window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 90)),
    });
    await openConsole(page);
    await expect(page.locator(".swagger-ui .info .title")).toContainText(title);
    if (listed) await expect(page.locator(".swagger-ui .opblock")).toHaveCount(listed);
    await screenshotPage(page, `docs-api-${path.split("/").pop()}-console`, {
      prepare: () => page.locator(".swagger-ui").evaluate((ui) => window.scrollTo(0, ui.getBoundingClientRect().top + window.scrollY - 90)),
    });
    for (const colorScheme of ["light", "dark"] as const) {
      await emulateColorScheme(page, colorScheme);
      expect(await axeViolations(page), `${path} (${colorScheme})`).toEqual([]);
    }
    await emulateColorScheme(page, "light");
  }
});

test("Try it out on a standard's page calls through the gateway with the developer's key, with a fresh X-Request-ID", async ({ page }) => {
  await signUp(page);
  await createApp(page, "Standards app");
  await page.goto("/docs/api/berlin-group#/Account%20Information%20Service%20(AIS)/getConsentStatus");
  // Swagger UI's id of the operation holds backslashes (it CSS-escapes the tag's parentheses), escaped again in the selector.
  const id = "operations-Account_Information_Service_\\(AIS\\)-getConsentStatus";
  const operation = page.locator(`[id="${id.replaceAll("\\", "\\\\")}"]`);
  test.skip((await operationCount(page)) === 0, "No Berlin Group operation is in this sandbox yet.");
  await expect(page.getByTestId("credential-status")).toContainText("Standards app · Default sandbox key");
  await expect(page.locator("[data-console]")).toHaveAttribute("data-console", "ready", { timeout: 20_000 });
  await expect(operation.locator(".opblock-body")).toBeVisible();
  const tryItOut = operation.getByRole("button", { name: "Try it out" });
  if (await tryItOut.isVisible()) await tryItOut.click();
  await operation.locator("tr[data-param-name='consentId'] input").fill("cns_doesnotexist000000000000");
  const execute = operation.getByRole("button", { name: "Execute" });
  const [first] = await Promise.all([
    page.waitForRequest((request) => request.url().includes("/berlin-group/v1/consents/")),
    execute.click(),
  ]);
  const answer = await first.response();
  // Through the gateway as the developer's app (its key stands in for the TPP's certificate): the
  // bank looked the consent up and did not find it; not a 401 for a missing credential.
  expect(answer?.status()).not.toBe(401);
  expect(answer?.status()).toBeLessThan(500);
  const sent = await first.allHeaders();
  expect(sent["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(sent["x-request-id"]).not.toBe("00000000-0000-4000-8000-000000000000");
  expect(sent["x-portal-key-id"]).toMatch(/^key_/);
  expect(answer ? (await answer.allHeaders())["x-request-id"] : undefined).toBe(sent["x-request-id"]);
  // A second Execute is a new request, with a new X-Request-ID.
  const [second] = await Promise.all([
    page.waitForRequest((request) => request.url().includes("/berlin-group/v1/consents/")),
    execute.click(),
  ]);
  expect((await second.allHeaders())["x-request-id"]).not.toBe(sent["x-request-id"]);
});

test("Personas & magic values says how each persona's accounts appear in UK Open Banking and the Berlin Group", async ({ page }) => {
  await page.goto("/docs/sandbox");
  const section = page.locator("#standards");
  await expect(section.getByRole("heading", { name: "The accounts in UK Open Banking and the Berlin Group" })).toBeVisible();
  const table = page.getByTestId("standard-views");
  await expect(table).toContainText("UK.OBIE.SortCodeAccountNumber");
  await expect(table).toContainText("UK.OBIE.IBAN");
  await expect(table).toContainText("UK.OBIE.PAN");
  await expect(table).toContainText("CACC");
  // Six personas, three accounts each; every one is in the Berlin Group too, the credit cards as card accounts.
  await expect(table.locator("tbody tr")).toHaveCount(18);
  const cards = table.locator("tbody tr").filter({ hasText: "UK.OBIE.PAN" });
  await expect(cards).toHaveCount(6);
  for (const card of await cards.all()) {
    const pan = (await card.locator("dd").nth(0).textContent())!;
    await expect(card.locator("td").nth(2)).toContainText("/card-accounts");
    await expect(card.locator("td").nth(2)).toContainText(pan);
  }
  await expect(table.locator("tbody tr").filter({ hasText: "/accounts" }).filter({ hasText: "GB" })).toHaveCount(12);
  await screenshotPage(page, "docs-sandbox-standards", {
    prepare: () => section.evaluate((node) => window.scrollTo(0, node.getBoundingClientRect().top + window.scrollY - 80)),
  });
  for (const size of [
    { width: 1280, height: 720 },
    { width: 390, height: 844 },
  ])
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize(size);
      await emulateColorScheme(page, colorScheme);
      expect(await axeViolations(page), `${size.width} px, ${colorScheme}`).toEqual([]);
    }
});
