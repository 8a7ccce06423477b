import { expect, test } from "./fixtures";
import { axeViolations, emulateColorScheme, screenshotPage, signUp } from "./helpers";

test("an access token is created with its scope, team and expiry, shown once, works on the portal API, and stops when revoked", async ({
  page,
  request,
}) => {
  await signUp(page);
  await page.goto("/account");
  const section = page.getByTestId("access-tokens");
  await expect(section.getByRole("heading", { name: "No access tokens" })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await screenshotPage(page, "access-tokens-empty", { prepare: () => section.scrollIntoViewIfNeeded() });

  await section.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an access token" });
  await expect(dialog.getByLabel("Token name")).toBeFocused();
  await dialog.getByLabel("Token name").fill("Laptop CLI");
  await dialog.getByLabel(/^Read and write/).check();
  await dialog.getByLabel("Expires").selectOption("7");
  await screenshotPage(page, "access-tokens-create");
  await dialog.getByRole("button", { name: "Create token" }).click();

  const ready = page.getByRole("dialog", { name: "“Laptop CLI” is ready" });
  const revealed = ready.getByTestId("revealed-token");
  await expect(revealed).toHaveValue(/^pat_[0-9A-Za-z]{36}$/);
  const token = await revealed.inputValue();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "access-tokens-reveal");
  await ready.getByRole("button", { name: "I've stored it" }).click();
  await expect(ready).toBeHidden();

  // Shown once: the list has its prefix only, nowhere the token.
  const table = section.getByTestId("tokens-table");
  const row = table.getByRole("row", { name: /Laptop CLI/ });
  await expect(row).toContainText(`${token.slice(0, 8)}…${token.slice(-4)}`);
  await expect(row).toContainText("Read and write");
  await expect(row).toContainText("Every team");
  expect(await page.content()).not.toContain(token);

  const used = await request.get("/api/apps", { headers: { Authorization: `Bearer ${token}` } });
  expect(used.status()).toBe(200);

  await page.reload();
  await emulateColorScheme(page, "dark");
  expect(await axeViolations(page)).toEqual([]);
  await emulateColorScheme(page, "light");
  await screenshotPage(page, "access-tokens-list", { prepare: () => section.scrollIntoViewIfNeeded() });

  await row.getByRole("button", { name: "Revoke token Laptop CLI" }).click();
  const confirm = page.getByRole("dialog", { name: /Revoke “Laptop CLI”/ });
  await expect(confirm).toContainText("stops working at once");
  await screenshotPage(page, "access-tokens-revoke");
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await expect(row).toContainText("Revoked");

  const refused = await request.get("/api/apps", { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { code: string }).code).toBe("unauthenticated");
});
