import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { createApp, signUp } from "./helpers";

const axePath = path.join(process.cwd(), "node_modules", "axe-core", "axe.min.js");

/** axe-core's WCAG 2.x A/AA rules on the current page: the ids and targets of any violation. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  });
}

// A new developer opens the Quickstart signed in, copies the "list the accounts" curl sample
// (filled in with this portal's URL), runs it as pasted with the key they exported, and gets
// accounts. Then they find a guide by a word that is only in its body.
test("the Quickstart's copied curl sample works, and search finds a guide by a word from its body", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page);
  const reveal = await createApp(page, "Quickstart app");
  const key = await reveal.getByTestId("revealed-secret").inputValue();

  await page.goto("/docs/guides/quickstart");
  await expect(page.getByRole("heading", { level: 1, name: "Quickstart" })).toBeVisible();
  await expect(page.getByTestId("sample-context")).toContainText("Quickstart app");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Guides");
  await expect(page.getByRole("navigation", { name: "Guides" }).getByRole("link", { name: /Next/ })).toBeVisible();

  const step = page.locator("section, article").getByRole("tabpanel").first();
  await expect(page.getByRole("tab", { name: "curl" }).first()).toHaveAttribute("aria-selected", "true");
  await step.getByRole("button", { name: "Copy curl sample" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`${new URL(page.url()).origin}/v1/accounts?limit=3`);
  expect(copied).not.toContain(key);

  // The terminal step: what the reader pastes, with the key they exported.
  const output = execFileSync("bash", ["-c", copied], { env: { ...process.env, SANDBOX_KEY: key }, encoding: "utf8" });
  const body = JSON.parse(output) as { data: Array<{ id: string }> };
  expect(body.data).toHaveLength(3);

  // Node tab by keyboard: arrow right from the selected tab.
  await page.getByRole("tab", { name: "curl" }).first().focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Node" }).first()).toHaveAttribute("aria-selected", "true");

  const search = page.getByRole("combobox", { name: "Search the guides" }).filter({ visible: true });
  await search.fill("uuidgen");
  const results = page.getByRole("listbox", { name: "Search results" });
  await expect(results.getByRole("option").first()).toContainText("Payments & idempotency");
  await search.press("Enter");
  await page.waitForURL("**/docs/guides/payments#*");
  await expect(page.getByRole("heading", { level: 1, name: "Payments & idempotency" })).toBeVisible();
});

test("the guides pass axe-core's WCAG A/AA rules in light and dark", async ({ page }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const path of ["/docs/guides/quickstart", "/docs/guides/errors-rate-limits"]) {
      await page.goto(path);
      await page.getByRole("combobox", { name: "Search the guides" }).filter({ visible: true }).fill("refresh");
      await expect(page.getByRole("listbox", { name: "Search results" })).toBeVisible();
      expect(await axeViolations(page), `${path} (${colorScheme})`).toEqual([]);
    }
  }
});
