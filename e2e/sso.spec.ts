import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { enableTotp } from "../tests/support/account-rows";
import { e2eDatabaseUrl, fillSignUp, GOOD_PASSWORD, mailedLink, screenshotPage, verifyEmail } from "./helpers";
import { addIdpAccount, loginAtProvider, OIDC_URL } from "./sso-helpers";

// Single sign-on through a real OpenID provider (oidc-provider, started with the e2e services),
// and the team policies it makes possible, all in Chromium.

/** The portal API from the page's own browser context (its session cookie), as the portal's pages call it. */
async function api(page: Page, method: "POST" | "PATCH", path: string, data: unknown) {
  const response = await page.request.fetch(path, { method, data, headers: { origin: new URL(page.url()).origin } });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/** From /signin: "Sign in with Test SSO", then the provider's login page. */
async function signInWithSso(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await loginAtProvider(page, login);
}

async function accountId(page: Page): Promise<string> {
  return (await (await page.request.get("/api/account")).json()).id;
}

test("a developer signs in with single sign-on: the first time makes their account, the next signs in to the same one", async ({
  page,
  browser,
}) => {
  const email = `sso-${randomBytes(4).toString("hex")}@example.com`;
  const idp = await addIdpAccount({ email, name: "Sol Single" });

  await page.goto("/signin");
  const button = page.getByRole("button", { name: "Sign in with Test SSO" });
  await expect(button).toBeVisible();
  await screenshotPage(page, "signin-sso");
  await button.click();
  await loginAtProvider(page, idp.sub);
  await page.waitForURL("**/dashboard");
  const first = await accountId(page);

  // The security page lists the link; an account made by single sign-on cannot unlink its only way in.
  await page.goto("/account/security");
  const section = page.getByTestId("sso-section");
  await expect(section.getByRole("heading", { name: "Single sign-on" })).toBeVisible();
  await expect(section.getByRole("list", { name: "Linked single sign-on accounts" })).toContainText(email);
  await expect(section).toContainText("Can't unlink: it is the only way you sign in");
  await expect(section.getByRole("button", { name: /^Unlink/ })).toHaveCount(0);
  await screenshotPage(page, "account-sso", { prepare: () => section.scrollIntoViewIfNeeded() });

  // Another browser: the provider asks again, and the portal signs in to the same account.
  const other = await browser.newContext();
  const second = await other.newPage();
  await signInWithSso(second, email);
  await second.waitForURL("**/dashboard");
  expect(await accountId(second)).toBe(first);
  await second.goto("/account/security");
  await expect(second.getByTestId("sso-section").getByRole("listitem")).toHaveCount(1);
  await other.close();

  // Signed out of the portal, still signed in at the provider: single sign-on goes straight back in, to the same account.
  await page.getByRole("button", { name: "Account menu for Sol Single" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await page.waitForURL("**/dashboard");
  expect(await accountId(page)).toBe(first);
});

test("a member of a team that requires single sign-on for their domain is refused a password sign-in", async ({ page, browser }) => {
  const domain = `acme-${randomBytes(3).toString("hex")}.test`;
  const owner = await addIdpAccount({ email: `olivia@${domain}`, name: "Olivia Owner" });
  await signInWithSso(page, owner.sub);
  await page.waitForURL("**/dashboard");
  const team = await api(page, "POST", "/api/teams", { name: "Acme Payments" });

  // Dana, on the domain, signs up with a password and joins before the policy.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const dana = `dana@${domain}`;
  await member.goto("/signup");
  await fillSignUp(member, { name: "Dana Domain", email: dana, password: GOOD_PASSWORD });
  await member.waitForURL("**/dashboard");
  await api(page, "POST", `/api/teams/${team.id}/invites`, { email: dana, role: "developer" });
  await member.goto(await mailedLink(dana, "invited you to", "/invites/"));
  await member.getByRole("button", { name: "Join Acme Payments" }).click();
  await member.waitForURL(`**/dashboard/teams/${team.id}`);

  // The owner requires single sign-on for their domain from the team page (confirmed; they signed in moments ago).
  await page.goto(`/dashboard/teams/${team.id}`);
  const card = page.getByTestId("security-policies");
  await expect(card.getByTestId("policy-sso")).toContainText("Off");
  await card.getByRole("button", { name: `Require for ${domain}` }).click();
  const dialog = page.getByRole("dialog", { name: `Require single sign-on for ${domain}?` });
  await expect(dialog).toContainText("their password and passkey sessions are signed out now");
  await dialog.getByRole("button", { name: "Require single sign-on" }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId("policy-sso")).toContainText(`Required for ${domain}`);
  await screenshotPage(page, "team-security-policies", { prepare: () => card.scrollIntoViewIfNeeded() });

  // Dana's password session ended; signing in again with her password is refused, with the reason.
  await member.goto("/dashboard");
  await member.waitForURL("**/signin**");
  await member.getByLabel("Email").fill(dana);
  await member.getByLabel("Password", { exact: true }).fill(GOOD_PASSWORD);
  await member.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(member.getByRole("alert").filter({ hasText: "Your team requires single sign-on" })).toBeVisible();
  await expect(member).toHaveURL(/\/signin/);
  await screenshotPage(member, "signin-sso-required");
  await memberContext.close();

  // The audit log has it.
  await page.goto(`/dashboard/teams/${team.id}/audit`);
  await expect(page.getByTestId("audit-table").locator('[data-action="team.sso_policy_changed"]')).toBeVisible();
  expect(OIDC_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test("a team that requires two-factor sends a member without one to the security page, which says why", async ({ page, browser }) => {
  const database = e2eDatabaseUrl();
  const ownerEmail = `tess-${randomBytes(4).toString("hex")}@example.com`;
  await page.goto("/signup");
  await fillSignUp(page, { name: "Tess Owner", email: ownerEmail, password: GOOD_PASSWORD });
  await page.waitForURL("**/dashboard");
  await verifyEmail(page, ownerEmail); // inviting needs a verified address
  const team = await api(page, "POST", "/api/teams", { name: "Fortress Labs" });

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const memberEmail = `mo-${randomBytes(4).toString("hex")}@example.com`;
  await member.goto("/signup");
  await fillSignUp(member, { name: "Mo Member", email: memberEmail, password: GOOD_PASSWORD });
  await member.waitForURL("**/dashboard");
  await api(page, "POST", `/api/teams/${team.id}/invites`, { email: memberEmail, role: "developer" });
  await member.goto(await mailedLink(memberEmail, "invited you to", "/invites/"));
  await member.getByRole("button", { name: "Join Fortress Labs" }).click();
  await member.waitForURL(`**/dashboard/teams/${team.id}`);

  // The owner has a second factor (enrolment is another part of the issue: set here in the database), and requires one.
  await enableTotp(database, ownerEmail);
  await page.goto(`/dashboard/teams/${team.id}`);
  const card = page.getByTestId("security-policies");
  await card.getByRole("button", { name: "Require two-factor" }).click();
  const dialog = page.getByRole("dialog", { name: "Require two-factor for every member?" });
  await expect(dialog).toContainText("1 member has no second factor yet");
  await dialog.getByRole("button", { name: "Require two-factor" }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId("policy-two-factor")).toContainText("Required");
  await screenshotPage(page, "team-security-policies-two-factor", { prepare: () => card.scrollIntoViewIfNeeded() });

  // The member, still signed in, opens the team: the security page, with a banner that says why.
  await member.goto(`/dashboard/teams/${team.id}`);
  await member.waitForURL("**/account/security");
  const banner = member.getByTestId("two-factor-policy-banner");
  await expect(banner).toContainText("Fortress Labs requires two-factor authentication");
  await expect(banner).toContainText("Set up an authenticator app or a passkey below");
  await screenshotPage(member, "two-factor-blocked-banner");
  // Their own team still works.
  await member.goto("/dashboard/teams");
  await expect(member.getByRole("heading", { level: 1 })).toBeVisible();
  await memberContext.close();
});
