import { expect, test } from "./fixtures";
import { axeViolations, screenshotPage } from "./helpers";

// A reader (no session) sees the guide's Markdown affordances under its title: the link opens the
// guide as text/markdown beside its page, and "Copy for LLM" puts that same Markdown on the
// clipboard. The page passes axe-core in light and dark, and fits a phone.
test("a guide offers its Markdown: View as Markdown opens the .md, Copy for LLM copies it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/docs/guides/cli");
  await expect(page.getByRole("heading", { level: 1, name: "CLI" })).toBeVisible();
  await expect(page.locator('head link[rel="alternate"][type="text/markdown"]')).toHaveAttribute("href", "/docs/guides/cli.md");

  const actions = page.getByTestId("guide-markdown-actions");
  const view = actions.getByRole("link", { name: "View as Markdown" });
  await expect(view).toHaveAttribute("href", "/docs/guides/cli.md");
  const markdown = await (await page.request.get("/docs/guides/cli.md")).text();
  expect(markdown).toMatch(/^# CLI\n/);

  await actions.getByRole("button", { name: "Copy for LLM" }).click();
  await expect(actions.getByRole("status")).toHaveText("Guide copied as Markdown");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);

  // The CLI's terminal samples carry the Terminal label, not curl's.
  await expect(page.getByRole("tab", { name: "curl" })).toHaveCount(0);

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page), `cli guide (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
  await screenshotPage(page, "guide-markdown-actions");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(view).toBeVisible();
  await expect(actions.getByRole("button", { name: "Copy for LLM" })).toBeVisible();

  const response = await page.request.get("/docs/guides/cli.md");
  expect(response.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
});
