import { generateKeyPairSync } from "node:crypto";
import { expect, test } from "@playwright/test";
import { axeViolations, createApp, screenshotPage, signUp } from "./helpers";

const jwk = (part: "publicKey" | "privateKey") => ({
  ...generateKeyPairSync("ec", { namedCurve: "P-256" })[part].export({ format: "jwk" }),
  kid: "sig-1",
  use: "sig",
});

test("choose FAPI 2.0, register public keys (errors at the field), and get a software statement", async ({ page }) => {
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
});
