import { expect, test } from "./fixtures";
import { GOOD_PASSWORD, mailbox, signUp, uniqueEmail, verifyEmail } from "./helpers";
import { linkIn } from "../tests/support/mailbox";

test("an owner invites a colleague by email; the colleague signs up from the mailed link and joins as a developer", async ({
  page,
  browser,
}) => {
  const owner = await signUp(page);
  // Inviting needs a verified address: the owner opens the link from the verification mail.
  await verifyEmail(page, owner.email);

  // Create a shared team from the teams page (keyboard: the dialog opens on the name field).
  await page.goto("/dashboard/teams");
  await page.getByRole("button", { name: "Create team" }).click();
  const create = page.getByRole("dialog", { name: "Create a team" });
  await expect(page.getByLabel("Team name")).toBeFocused();
  await page.keyboard.type("Acme Payments");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/dashboard\/teams\/team_[0-9A-Za-z]+$/);
  await expect(create).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Payments" })).toBeVisible();
  const teamPage = page.url();

  // Invite as developer.
  const colleague = uniqueEmail("colleague");
  await page.getByRole("button", { name: "Invite member" }).click();
  const invite = page.getByRole("dialog", { name: "Invite a member" });
  await invite.getByLabel("Email").fill(colleague);
  await expect(invite.getByRole("radio", { name: /Developer/i })).toBeChecked();
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite).toBeHidden();
  await expect(page.getByText(`Invitation sent to ${colleague}.`)).toBeVisible();
  const pending = page.getByTestId("invites-table").getByRole("row", { name: new RegExp(colleague) });
  await expect(pending).toContainText("developer");

  // The mail the SMTP server received holds the invitation link.
  const mail = await mailbox.next({ to: colleague, subject: "invited you to" });
  expect(mail.text).toContain('invited you to join the team "Acme Payments" as a developer');
  const link = linkIn(mail, "/invites/");
  expect(link).toMatch(/\/invites\/[A-Za-z0-9_-]{40,}$/);

  // The colleague, signed out in their own browser, signs up from the link.
  const other = await browser.newContext();
  const guest = await other.newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { level: 1, name: "Join Acme Payments" })).toBeVisible();
  await expect(guest.getByLabel("Email")).toHaveValue(colleague);
  await guest.getByLabel("Name", { exact: true }).fill("Grace Hopper");
  await guest.getByLabel("Password", { exact: true }).fill(GOOD_PASSWORD);
  await guest.getByRole("button", { name: "Create account and join" }).click();
  await guest.waitForURL(/\/dashboard\/teams\/team_[0-9A-Za-z]+$/);
  const members = guest.getByTestId("members-table");
  await expect(members.getByRole("row", { name: /Grace Hopper/ })).toContainText("developer");
  // A developer sees no member management.
  await expect(guest.getByRole("button", { name: "Invite member" })).toHaveCount(0);
  await expect(guest.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  // The link worked once.
  await guest.goto(link);
  await expect(guest.getByText("This invitation has already been used.")).toBeVisible();
  await other.close();

  // Back with the owner: Grace is a member, the invitation is no longer pending, the audit log shows both.
  await page.goto(teamPage);
  await expect(page.getByTestId("members-table").getByRole("row", { name: /Grace Hopper/ })).toBeVisible();
  await expect(page.getByText("No pending invitations")).toBeVisible();
  await page.getByRole("link", { name: "Audit log" }).click();
  const audit = page.getByTestId("audit-table");
  await expect(audit.locator('[data-action="member.joined"]')).toContainText(colleague);
  await expect(audit.locator('[data-action="member.invited"]')).toContainText(colleague);
});
