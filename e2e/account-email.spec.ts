import { expect, test } from "./fixtures";
import { axeViolations, GOOD_PASSWORD, mailbox, mailedLink, screenshotPage, signUp } from "./helpers";

/**
 * Email and passwords through the real UI, with the mail the SMTP server received: verifying the
 * address from the banner's world, resetting a forgotten password, and the account pages.
 */

test("a new developer verifies their email from the mail the SMTP server received", async ({ page }) => {
  const { email } = await signUp(page);

  // Every dashboard page says why, and offers a resend (the sign-up mail went out a moment ago: too soon).
  const banner = page.getByTestId("verify-email-banner");
  await expect(banner).toContainText("Verify your email address");
  await expect(banner).toContainText(email);
  await expect(banner).toContainText("inviting team members and requesting production access wait until you open it");
  await screenshotPage(page, "verify-email-banner");
  await banner.getByRole("button", { name: "Resend link" }).click();
  await expect(banner.getByRole("alert")).toContainText(/you can ask for another in \d+ s/);
  await page.goto("/dashboard/teams");
  await expect(page.getByTestId("verify-email-banner")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The link from the mail: one click confirms it.
  const link = await mailedLink(email, "Verify your email address", "/verify-email/");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Verify your email address" })).toBeVisible();
  await expect(page.getByText(`Confirm that ${email} is your email address.`)).toBeVisible();
  await page.getByRole("button", { name: "Verify email address" }).click();
  await expect(page.getByText("Your email address is verified")).toBeVisible();
  await page.getByRole("link", { name: "Go to the dashboard" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);

  // The link worked once.
  await page.goto(link);
  await expect(page.getByText("This link has already been used")).toBeVisible();
  await expect(page.getByText(`Your address ${email} is verified already`)).toBeVisible();

  // The profile says so, and offers the address change.
  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
  const newEmail = `moved-${email}`;
  await page.getByLabel("New email address").fill(newEmail);
  const mark = mailbox.mark();
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByText(`Check the inbox of ${newEmail}`)).toBeVisible();
  await expect(page.getByTestId("pending-email")).toContainText(newEmail);
  await expect(page.getByTestId("account-email")).toHaveText(email);
  expect((await mailbox.next({ to: email, subject: "Someone asked to change" }, { after: mark })).text).toContain(newEmail);
  await screenshotPage(page, "account-profile", { fullPage: true, prepare: () => page.evaluate(() => window.scrollTo(0, 0)) });
  expect(await axeViolations(page)).toEqual([]);

  // Opening the new address's link moves the account.
  await page.goto(await mailedLink(newEmail, "Confirm your new email address", "/verify-email/", { after: mark }));
  await page.getByRole("button", { name: "Confirm new email address" }).click();
  await expect(page.getByText("Your email address is changed")).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toHaveText(newEmail);
});

test("a developer resets a forgotten password from the mail and signs in with the new one", async ({ page, browser }) => {
  const { email } = await signUp(page);
  // A second browser, signed in too: the reset signs it out.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await other.goto("/signin");
  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password", { exact: true }).fill(GOOD_PASSWORD);
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  await other.waitForURL("**/dashboard");

  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto("/signin");
  await guest.getByRole("link", { name: "Forgot password?" }).click();
  await guest.waitForURL("**/forgot-password");
  await expect(guest.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await expect(guest.getByLabel("Email")).toBeFocused();
  await screenshotPage(guest, "forgot-password");
  expect(await axeViolations(guest)).toEqual([]);
  const mark = mailbox.mark();
  await guest.getByLabel("Email").fill(email);
  await guest.keyboard.press("Enter");
  await expect(guest.getByText("Check your inbox")).toBeVisible();
  await expect(guest.getByText(`If an account uses ${email}, we have sent it a link`)).toBeVisible();

  const link = await mailedLink(email, "Reset your Open Bank Developers password", "/reset-password/", { after: mark });
  await guest.goto(link);
  await expect(guest.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(guest.getByText(`For ${email}`)).toBeVisible();
  const password = guest.getByLabel("New password");
  await expect(password).toBeFocused();
  await password.fill("password123");
  await guest.getByRole("button", { name: "Change password" }).click();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/too common/);
  await screenshotPage(guest, "reset-password");
  expect(await axeViolations(guest)).toEqual([]);
  const newPassword = "Brand-New-Password-77";
  await password.fill(newPassword);
  await guest.getByRole("button", { name: "Change password" }).click();
  await expect(guest.getByText("Your password is changed")).toBeVisible();

  // Every session is signed out: the other browser is sent to sign in.
  await other.goto("/dashboard");
  await other.waitForURL(/\/signin/);
  await otherContext.close();

  // The old password no longer works; the new one does.
  await guest.locator("#main").getByRole("link", { name: "Sign in" }).click();
  await guest.waitForURL("**/signin");
  await guest.getByLabel("Email").fill(email);
  await guest.getByLabel("Password", { exact: true }).fill(GOOD_PASSWORD);
  await guest.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(guest.getByText("Incorrect email or password")).toBeVisible();
  await guest.getByLabel("Password", { exact: true }).fill(newPassword);
  await guest.getByRole("button", { name: "Sign in", exact: true }).click();
  await guest.waitForURL("**/dashboard");
  // The reset link came to the address: it is verified now.
  await expect(guest.getByTestId("verify-email-banner")).toHaveCount(0);

  // The link worked once.
  await guest.goto(link);
  await expect(guest.getByText("This reset link has already been used")).toBeVisible();
  await guestContext.close();
});

test("the password card changes the password with the current one", async ({ page }) => {
  await signUp(page);
  await page.goto("/account/security");
  const card = page.getByTestId("password-section");
  await expect(card.getByRole("heading", { name: "Password" })).toBeVisible();
  await card.getByLabel("Current password").fill("Not-My-Password-1");
  await card.getByLabel("New password").fill("Another-Good-Password-9");
  await card.getByRole("button", { name: "Change password" }).click();
  await expect(card.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(card.getByLabel("Current password")).toHaveAccessibleDescription("This is not your current password");
  await expect(card.getByLabel("Current password")).toBeFocused();
  await screenshotPage(page, "account-password-card", { fullPage: true, prepare: () => page.evaluate(() => window.scrollTo(0, 0)) });
  expect(await axeViolations(page)).toEqual([]);
  await card.getByLabel("Current password").fill(GOOD_PASSWORD);
  await card.getByRole("button", { name: "Change password" }).click();
  await expect(card.getByText("Password changed")).toBeVisible();
  await expect(card.getByText("No other browser was signed in.")).toBeVisible();
  // This browser stays signed in on its new session.
  await page.reload();
  await expect(page.getByTestId("password-section")).toBeVisible();
});
