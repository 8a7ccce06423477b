import { expect, test } from "./fixtures";
import { mkdirSync } from "node:fs";
import { createApp, signUp } from "./helpers";

// The checklist follows real traffic: a new developer calls the sandbox from "their terminal"
// (plain HTTP, outside the page), comes back to the tab, and the progress bar has moved.
test("the onboarding checklist ticks when the developer's own calls succeed", async ({ page, request }) => {
  await signUp(page);
  const reveal = await createApp(page, "Onboarding app");
  const key = await reveal.getByTestId("revealed-secret").inputValue();

  const card = page.getByTestId("onboarding-card");
  const bar = card.getByRole("progressbar", { name: "Onboarding progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", "0");
  const total = Number(await bar.getAttribute("aria-valuemax"));
  expect(total).toBeGreaterThanOrEqual(7);
  await expect(bar).toHaveAttribute("aria-valuetext", `0 of ${total} steps`);

  const steps = card.getByRole("list", { name: "Onboarding steps" }).getByRole("listitem");
  await expect(steps).toHaveCount(13);
  const firstCall = card.getByTestId("onboarding-step-first_successful_call");
  await expect(firstCall).toHaveAttribute("data-done", "false");
  await expect(firstCall.getByRole("link", { name: "API reference" })).toHaveAttribute("href", "/docs/api");

  // "The terminal": a first call, and a sandbox reset.
  const headers = { Authorization: `Bearer ${key}` };
  expect((await request.get("/v1/accounts", { headers })).status()).toBe(200);
  expect((await request.post("/v1/sandbox/reset", { headers })).status()).toBe(200);

  // Back to the tab: the card asks again (logs are written in batches, so poll by refocusing).
  await expect(async () => {
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await expect(bar).toHaveAttribute("aria-valuenow", "2", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(bar).toHaveAttribute("aria-valuetext", `2 of ${total} steps`);
  await expect(firstCall).toHaveAttribute("data-done", "true");
  await expect(firstCall).toContainText("Done");
  await expect(card.getByTestId("onboarding-step-sandbox_reset")).toHaveAttribute("data-done", "true");
  await expect(card.getByTestId("onboarding-step-webhook_answered_2xx")).toContainText("Add a webhook endpoint");

  mkdirSync("e2e/.artifacts", { recursive: true });
  // The card at the top of the viewport, below the sticky site header.
  await card.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 96));
  await page.screenshot({ path: "e2e/.artifacts/onboarding-app-page.png" });
});
