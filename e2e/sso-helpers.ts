import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

/** The test OpenID provider (scripts/test-oidc-provider.mjs) on the port playwright.config.ts gives it. */
export const OIDC_URL = `http://127.0.0.1:${Number(process.env.E2E_OIDC_PORT ?? Number(process.env.E2E_PORTAL_PORT ?? 3200) + 540)}`;

/** Registers an account with the test provider: the claims its sign-in hands the portal. */
export async function addIdpAccount(account: { email: string; name?: string; email_verified?: boolean }) {
  const full = { sub: `idp-${randomBytes(5).toString("hex")}`, email_verified: true, name: "SSO Developer", ...account };
  const response = await fetch(`${OIDC_URL}/test/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(full),
  });
  expect(response.status).toBe(201);
  return full;
}

/** On the provider's login page (after "Sign in with Test SSO"): signs in as `login`. */
export async function loginAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL((url) => url.origin === OIDC_URL);
  await page.getByLabel("Username or email").fill(login);
  await page.getByRole("button", { name: "Continue" }).click();
}
