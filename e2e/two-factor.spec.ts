import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { Secret, TOTP } from "otpauth";
import { ageSessionProof, axeViolations, screenshotPage, signUp } from "./helpers";

/**
 * Second factor through the real UI in Chromium: an authenticator app set up from the key shown for
 * typing in (the code computed here, as the app would), then a sign-in that asks for it; a passkey
 * made by Chromium's virtual authenticator (CDP WebAuthn), then a sign-in with it and no password,
 * and a step-up confirmed with it.
 */

/** Full-page shots from the top: scrolled, the sticky header would be drawn mid-page. */
const fromTop = (page: Page) => ({ fullPage: true, prepare: () => page.evaluate(() => window.scrollTo(0, 0)) });

async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu for/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

test("enrols an authenticator app, then signs in with password and a code from it", async ({ page }) => {
  const account = await signUp(page);
  await page.goto("/account/security");
  const twoFactor = page.getByRole("region", { name: "Authenticator app" });
  await expect(twoFactor.getByText("Off", { exact: true })).toBeVisible();
  await expect(page.getByText("No passkeys yet")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "account-security-empty", fromTop(page));

  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  const dialog = page.getByRole("dialog", { name: "Set up your authenticator app" });
  await expect(dialog.getByRole("img", { name: /QR code for Open Bank Developers/ })).toBeVisible();
  // What a person would type into the app: the key shown for manual entry.
  const seed = (await dialog.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  expect(seed).toMatch(/^[A-Z2-7]{32}$/);
  const totp = new TOTP({ secret: Secret.fromBase32(seed) });
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "totp-enrolment");

  await dialog.getByLabel("6-digit code").fill("000000");
  await dialog.getByRole("button", { name: "Turn on" }).click();
  await expect(dialog.getByLabel("6-digit code")).toHaveAccessibleDescription(/doesn't match/);
  await dialog.getByLabel("6-digit code").fill(totp.generate());
  await dialog.getByRole("button", { name: "Turn on" }).click();

  const codes = page.getByRole("dialog", { name: "Save your recovery codes" });
  await expect(codes.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await expect(codes.getByRole("button", { name: "Download" })).toBeVisible();
  await screenshotPage(page, "recovery-codes-reveal");
  await codes.getByRole("button", { name: "I've saved my codes" }).click();
  await expect(twoFactor.getByText("On", { exact: true })).toBeVisible();
  await expect(page.getByTestId("recovery-codes-left")).toHaveText("10 of 10 left");
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "account-security-totp", fromTop(page));

  await signOut(page);
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "sign-in-second-step");

  await code.fill("123456");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("form", { name: "Two-factor authentication" }).getByRole("alert")).toContainText("That code didn't work");
  // The code of the next step: the one the confirmation used is spent (no replay).
  await code.fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await page.waitForURL("**/dashboard");
});

test("registers a passkey with Chromium's authenticator, signs in with it and no password, and confirms a step-up with it", async ({
  page,
  context,
}) => {
  const authenticator = await virtualAuthenticator(context, page);
  // Chromium's virtual authenticator answers the email field's passkey request (conditional UI) at
  // once, where a person would pick the passkey from the suggestions. This flag plays a browser
  // without that autofill, so the button is what signs in.
  await page.addInitScript(() => {
    try {
      if (localStorage.getItem("e2e:no-passkey-autofill"))
        Object.defineProperty(PublicKeyCredential, "isConditionalMediationAvailable", { value: async () => false });
    } catch {
      // about:blank has no storage
    }
  });
  const account = await signUp(page);
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await expect(dialog.getByLabel("Name")).toHaveValue(/^Chrome on /); // from the browser's user agent
  await dialog.getByLabel("Name").fill("Work laptop");
  await screenshotPage(page, "passkey-add");
  await dialog.getByRole("button", { name: "Continue" }).click();

  const list = page.getByTestId("passkey-list");
  await expect(list.getByText("Work laptop", { exact: true })).toBeVisible();
  await expect(list.getByText("Never used")).toBeVisible();
  const [credential] = await authenticator.credentials();
  expect(credential.isResidentCredential).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "account-security-passkey", fromTop(page));

  await signOut(page);
  await page.evaluate(() => localStorage.setItem("e2e:no-passkey-autofill", "1"));
  await page.goto("/signin");
  await expect(page.getByLabel("Email")).toHaveAttribute("autocomplete", "username webauthn");
  await screenshotPage(page, "sign-in-passkey");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByRole("button", { name: /Account menu for/ })).toBeVisible();

  // With autofill: the passkey offered for the email field signs in as the page opens.
  await signOut(page);
  await page.evaluate(() => localStorage.removeItem("e2e:no-passkey-autofill"));
  await page.goto("/signin");
  await page.waitForURL("**/dashboard");
  expect(account.password).toBeTruthy(); // never typed since sign-up

  // An hour later, as far as the session knows: removing the passkey asks to confirm it's you.
  await ageSessionProof(account.email, 60);

  await page.goto("/account/security");
  await expect(list.getByText(/Last used/)).toBeVisible();
  await list.getByRole("button", { name: "Remove passkey Work laptop" }).click();
  await page
    .getByRole("dialog", { name: /Remove “Work laptop”/ })
    .getByRole("button", { name: "Remove passkey" })
    .click();
  const stepUp = page.getByRole("dialog", { name: "Confirm it's you" });
  await expect(stepUp.getByRole("button", { name: "Use a passkey" })).toBeVisible();
  await expect(stepUp.getByLabel("Password")).toHaveCount(0);
  await screenshotPage(page, "step-up-passkey");
  await stepUp.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByText("No passkeys yet")).toBeVisible();
});
