import { generateKeyPairSync } from "node:crypto";
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { axeViolations, createApp, screenshotPage, signUp } from "./helpers";

const jwk = (part: "publicKey" | "privateKey") => ({
  ...generateKeyPairSync("ec", { namedCurve: "P-256" })[part].export({ format: "jwk" }),
  kid: "sig-1",
  use: "sig",
});

/** RFC 7591 as a partner's client does it: the statement POSTed to the portal's /oauth/register, through the gateway to the bank. */
async function register(baseURL: string, softwareStatement: string, metadata: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${baseURL}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      software_statement: softwareStatement,
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: "private_key_jwt",
      ...metadata,
    }),
  });
  const body = (await response.json()) as { client_id: string };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.client_id;
}

const REDIRECT = "https://tpp.example/callback";

test("choose FAPI 2.0, register public keys (errors at the field), get a software statement, and see the clients it registers", async ({
  page,
  baseURL,
}) => {
  await signUp(page);
  await createApp(page, "FAPI rehearsal");
  await page.getByRole("button", { name: "I've stored it" }).click();

  const card = page.getByTestId("security-profile");
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByRole("radio", { name: /^Basic \(PKCE\)/ })).toBeChecked();
  await expect(card.getByRole("radio", { name: /^Client secret/ })).toBeChecked();

  // FAPI 2.0 picks private_key_jwt (the only method it allows); without keys the server names the field.
  await card.getByRole("radio", { name: /^FAPI 2\.0/ }).check();
  await expect(card.getByRole("radio", { name: /^Private key JWT/ })).toBeChecked();
  await expect(card.getByRole("radio", { name: /^Client secret/ })).toBeDisabled();
  await card.getByRole("button", { name: "Save security settings" }).click();
  await expect(card.getByText(/FAPI 2\.0 needs your public keys/)).toBeVisible();

  // A private key is refused at the JWKS field, down to the member.
  await card.getByRole("radio", { name: "Paste a JWKS" }).check();
  const textarea = card.getByLabel("JWKS", { exact: true });
  await textarea.fill(JSON.stringify({ keys: [jwk("privateKey")] }, null, 2));
  await card.getByRole("button", { name: "Save security settings" }).click();
  await expect(card.getByText(/Key 1 \(sig-1\), d: "d" is a private key member/)).toBeVisible();
  await expect(textarea).toHaveAttribute("aria-invalid", "true");
  await screenshotPage(page, "security-profile-error", { prepare: () => textarea.scrollIntoViewIfNeeded() });

  // The public key is saved.
  await textarea.fill(JSON.stringify({ keys: [jwk("publicKey")] }, null, 2));
  await card.getByRole("button", { name: "Save security settings" }).click();
  await expect(card.getByText("Saved. The bank applies them from the next request.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("security-profile").getByRole("radio", { name: /^FAPI 2\.0/ })).toBeChecked();

  // No registered clients yet: the list says what to do next.
  const registered = page.getByTestId("registered-clients");
  await expect(registered.getByText("No clients registered yet")).toBeVisible();
  await expect(registered.getByRole("link", { name: "Registration, step by step" })).toHaveAttribute(
    "href",
    "/docs/guides/openid-connect-fapi#registration",
  );
  await screenshotPage(page, "registered-clients-empty", { prepare: () => scrollToTop(page.getByTestId("dynamic-registration")) });

  // The statement carries the app's redirect URIs, and a registration must choose among them.
  const oauth = page.getByTestId("oauth-client");
  await oauth.getByLabel("Redirect URIs").fill(REDIRECT);
  await oauth.getByRole("button", { name: "Save redirect URIs" }).click();
  await expect(oauth.getByText("Saved.")).toBeVisible();

  // A software statement, with its expiry, to copy.
  const statement = page.getByTestId("software-statement");
  await statement.getByRole("button", { name: "Get a software statement" }).click();
  const value = statement.getByTestId("software-statement-value");
  await expect(value).toHaveValue(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
  await expect(statement.getByText(/^Expires/)).toBeVisible();
  const payload = JSON.parse(Buffer.from((await value.inputValue()).split(".")[1], "base64url").toString());
  expect(payload).toMatchObject({ software_client_name: "FAPI rehearsal", software_token_endpoint_auth_method: "private_key_jwt" });
  expect(await axeViolations(page)).toEqual([]);

  // The card from its heading (below the sticky site header), then the statement.
  const cardTop = () =>
    page
      .getByTestId("security-profile")
      .evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 80));
  await screenshotPage(page, "security-profile-card", { prepare: cardTop });
  await screenshotPage(page, "security-profile-statement", { prepare: () => statement.scrollIntoViewIfNeeded() });

  // Two clients register themselves with it (Basic, then FAPI 2.0); the app page lists them, newest first.
  const basic = await register(baseURL!, await value.inputValue(), {});
  const fapi = await register(baseURL!, await value.inputValue(), {
    token_endpoint_auth_signing_alg: "ES256",
    dpop_bound_access_tokens: true,
    require_pushed_authorization_requests: true,
  });
  await page.reload();
  const rows = page.getByTestId("registered-clients").getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId("registered-client-id")).toHaveText(fapi);
  await expect(rows.nth(0).getByText("FAPI 2.0", { exact: true })).toBeVisible();
  await expect(rows.nth(1).getByTestId("registered-client-id")).toHaveText(basic);
  await expect(rows.nth(1).getByText("Basic (PKCE)", { exact: true })).toBeVisible();
  for (const row of [rows.nth(0), rows.nth(1)]) {
    await expect(row.getByText("FAPI rehearsal", { exact: true })).toBeVisible();
    await expect(row.getByText("private_key_jwt", { exact: true })).toBeVisible();
    await expect(row.getByRole("button", { name: "Copy client ID of FAPI rehearsal" })).toBeVisible();
  }
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "registered-clients-list", { prepare: () => scrollToTop(page.getByTestId("dynamic-registration")) });
});

/** An element at the top of the viewport, below the sticky site header. */
const scrollToTop = (locator: Locator) =>
  locator.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 80));

test("turn UK message signing on: it needs public keys, an RSA key among them, and stays on", async ({ page }) => {
  await signUp(page);
  await createApp(page, "UK payments");
  await page.getByRole("button", { name: "I've stored it" }).click();

  const card = page.getByTestId("security-profile");
  await card.scrollIntoViewIfNeeded();
  const signing = card.getByRole("checkbox", { name: /^Sign payment messages/ });
  await expect(signing).not.toBeChecked();

  // Without keys, then with an EC key only: the server names the field.
  await signing.check();
  await card.getByRole("button", { name: "Save security settings" }).click();
  await expect(card.getByText(/Message signing needs your public keys/)).toBeVisible();
  await card.getByRole("radio", { name: "Paste a JWKS" }).check();
  const textarea = card.getByLabel("JWKS", { exact: true });
  await textarea.fill(JSON.stringify({ keys: [jwk("publicKey")] }, null, 2));
  await card.getByRole("button", { name: "Save security settings" }).click();
  await expect(card.getByText(/Message signing uses PS256: add an RSA key/)).toBeVisible();
  await screenshotPage(page, "message-signing-error", { prepare: () => scrollToTop(card.getByRole("group", { name: "UK Open Banking" })) });

  // An RSA public key: saved, and still on after a reload.
  const rsa = { ...generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" }), kid: "uk-sig-1", use: "sig" };
  await textarea.fill(JSON.stringify({ keys: [rsa] }, null, 2));
  await card.getByRole("button", { name: "Save security settings" }).click();
  await expect(card.getByText("Saved. The bank applies them from the next request.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("security-profile").getByRole("checkbox", { name: /^Sign payment messages/ })).toBeChecked();
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "message-signing-on", {
    prepare: () => scrollToTop(page.getByTestId("security-profile").getByRole("group", { name: "Public keys" })),
  });
});
