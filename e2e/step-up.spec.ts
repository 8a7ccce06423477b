import { expect, test } from "./fixtures";
import { ageSessionProof, createApp, screenshotPage, signUp } from "./helpers";

test("a key roll on a session signed in over 10 minutes ago asks 'Confirm it's you', then rolls", async ({ page }) => {
  const account = await signUp(page);
  await createApp(page, "Step-up app");
  await page.getByRole("button", { name: /stored it/ }).click();

  await ageSessionProof(account.email, 11);
  await page.getByRole("button", { name: "Roll Default sandbox key" }).click();
  await page
    .getByRole("dialog", { name: /Roll “Default sandbox key”/ })
    .getByRole("button", { name: "Roll key" })
    .click();

  const confirm = page.getByRole("dialog", { name: "Confirm it's you" });
  await expect(confirm).toBeVisible();
  const password = confirm.getByLabel("Password", { exact: true });
  await expect(password).toBeFocused();
  await password.fill("not my password");
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm.getByRole("alert")).toContainText("did not confirm it's you");
  await screenshotPage(page, "step-up-dialog");

  await password.fill(account.password);
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm).toBeHidden();
  // The roll went ahead without pressing "Roll key" again.
  await expect(page.getByRole("dialog", { name: /was rolled/ })).toBeVisible();
});

test("cancelling 'Confirm it's you' leaves the key as it was and says why", async ({ page }) => {
  const account = await signUp(page);
  await createApp(page, "Cancelled step-up app");
  await page.getByRole("button", { name: /stored it/ }).click();

  await ageSessionProof(account.email, 11);
  await page.getByRole("button", { name: "Revoke Default sandbox key" }).click();
  const revoke = page.getByRole("dialog", { name: /Revoke/ });
  await revoke.getByRole("button", { name: /Revoke key/ }).click();
  const confirm = page.getByRole("dialog", { name: "Confirm it's you" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(revoke.getByRole("alert")).toContainText("Confirm it's you");
  await expect(page.getByTestId("keys-table").locator("tbody tr").first()).toContainText("active");
});
