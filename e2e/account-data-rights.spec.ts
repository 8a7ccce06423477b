import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { tokenOf } from "../tests/support/mailbox";
import { ageSessionProof, axeViolations, createApp, mailbox, mailedLink, screenshotPage, signUp, verifyEmail } from "./helpers";

test("a developer renames themselves, downloads their data, then deletes their account and cannot sign in again", async ({ page }) => {
  const account = await signUp(page);
  await createApp(page, "Data rights app");

  // The profile name.
  await page.goto("/account");
  const name = page.getByTestId("profile-name-form").getByLabel("Name");
  await expect(name).toHaveValue("Ada Lovelace");
  await name.fill("Ada King");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Saved. Your teams see the new name from now on.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Account menu for/ })).toContainText("Ada King");
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "account-profile-name");

  // The export: one JSON file, parsed and checked.
  await page.getByRole("link", { name: "Data & privacy" }).click();
  await page.waitForURL("**/account/privacy");
  await expect(page.getByRole("heading", { name: "Download your data" })).toBeVisible();
  const card = page.getByTestId("delete-account-card");
  await expect(card).toContainText("What goes");
  await expect(card).toContainText("What stays");
  await expect(card.getByRole("list", { name: "Teams deleted with your account" })).toContainText("Ada Lovelace's team");
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "account-privacy", { fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download your data (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`openbank-account-${new Date().toISOString().slice(0, 10)}.json`);
  const file = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(file.format).toBe("openbank-account-export/1");
  expect(file.account).toMatchObject({ email: account.email, name: "Ada King", has_password: true });
  expect(file.memberships).toEqual([expect.objectContaining({ role: "owner", team: expect.objectContaining({ personal: true }) })]);
  expect(file.apps.map((app: { name: string }) => app.name)).toEqual(["Data rights app"]);
  expect(file.apps[0].keys[0]).toMatchObject({ name: "Default sandbox key", status: "active" });
  expect(file.sessions.filter((session: { current: boolean }) => session.current)).toHaveLength(1);
  expect(file.audit_events.map((event: { action: string }) => event.action)).toEqual(
    expect.arrayContaining(["app.created", "key.created", "account.profile_changed"]),
  );
  const text = JSON.stringify(file);
  expect(text).not.toContain(account.password);
  expect(text).not.toMatch(/sk_sandbox_[0-9A-Za-z]{20}|\$2[aby]\$|hash/i);

  // Delete: the dialog asks for the email, typed exactly.
  await card.getByRole("button", { name: "Delete account" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  const confirm = dialog.getByRole("button", { name: "Delete my account" });
  const typed = dialog.getByLabel(/To confirm, type your email address/);
  await expect(typed).toBeFocused();
  await expect(confirm).toBeDisabled();
  await typed.fill(account.email.toUpperCase());
  await expect(confirm).toBeDisabled();
  await typed.fill(account.email);
  await expect(confirm).toBeEnabled();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "account-delete-dialog");
  await confirm.click();
  await page.waitForURL("**/account-deleted");
  await expect(page.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible();
  await screenshotPage(page, "account-deleted");

  // Gone: the dashboard asks to sign in, and the old password is refused.
  await page.goto("/dashboard");
  await page.waitForURL(/\/signin/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Incorrect email or password")).toBeVisible();

  // The confirmation mail.
  const mail = await mailbox.next({ to: account.email, subject: "account has been deleted" });
  expect(mail.subject).toContain("Your Open Bank Developers account has been deleted");
  expect(mail.text).toContain("Ada Lovelace's team");
  expect(mail.text).toMatch(/deleted-user-[0-9a-f]{12}/);
});

test("an app is deleted from its danger zone, confirmed by typing its name and, past 10 minutes, by 'Confirm it's you'", async ({
  page,
}) => {
  const account = await signUp(page);
  await createApp(page, "Short-lived app");
  const zone = page.getByTestId("danger-zone");
  await zone.scrollIntoViewIfNeeded();
  await zone.getByRole("button", { name: "Delete app" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete “Short-lived app”?" });
  await expect(dialog).toContainText("Its working key stops working at the next call");
  const confirm = dialog.getByRole("button", { name: "Delete app" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/To confirm, type the app's name/).fill("Short-lived app ");
  await expect(confirm).toBeEnabled();
  await screenshotPage(page, "app-delete-dialog");

  // Signed in over 10 minutes ago: the deletion asks for the password first, then goes ahead.
  await ageSessionProof(account.email, 11);
  await confirm.click();
  const stepUp = page.getByRole("dialog", { name: "Confirm it's you" });
  await stepUp.getByLabel("Password", { exact: true }).fill(account.password);
  await stepUp.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
  await expect(page.getByText("Short-lived app")).toHaveCount(0);
});

test("the privacy page names the teams that must be handed over before the account can go", async ({ page, browser, baseURL }) => {
  const owner = await signUp(page);
  await verifyEmail(page, owner.email);
  const colleagueContext = await browser.newContext();
  const colleague = await signUp(await colleagueContext.newPage());
  // A shared team with the colleague in it, set up through the API (the team pages have their own tests).
  const headers = { origin: baseURL! };
  const team = await (await page.request.post("/api/teams", { headers, data: { name: "Acme Payments" } })).json();
  expect(
    (await page.request.post(`/api/teams/${team.id}/invites`, { headers, data: { email: colleague.email, role: "developer" } })).status(),
  ).toBe(201);
  const token = tokenOf(await mailedLink(colleague.email, "invited", "/invites/"));
  expect((await colleagueContext.request.post("/api/invites/accept", { headers, data: { token } })).status()).toBe(200);
  await colleagueContext.close();

  await page.goto("/account/privacy");
  const blocking = page.getByTestId("blocking-teams");
  await expect(blocking).toContainText("Transfer these teams first");
  const link = blocking.getByRole("link", { name: "Acme Payments" });
  await expect(link).toHaveAttribute("href", `/dashboard/teams/${team.id}`);
  await expect(blocking).toContainText("1 other member");
  await expect(page.getByRole("button", { name: "Delete account" })).toHaveCount(0);
  await screenshotPage(page, "account-privacy-blocked", { fullPage: true });
  void owner;
});
