import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signTppRequest } from "../lib/gateway/tpp-signature/sign-tpp-request";
import { axeViolations, createApp, screenshotPage, signUp } from "./helpers";

const CONSENT = JSON.stringify({
  access: { allPsd2: "allAccounts" },
  recurringIndicator: false,
  validUntil: "2099-12-31",
  frequencyPerDay: 1,
  combinedServiceIndicator: false,
});

/** The Berlin Group guide's signing sample (the Node block naming TPP_CERT_PEM), run with node as a developer copies it. */
function runGuideSigningSample(baseURL: string, key: string, certificatePem: string, privateKeyPem: string): string {
  const guide = readFileSync(path.join(__dirname, "../content/guides/berlin-group.mdx"), "utf8");
  const sample = [...guide.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]).find((code) => code.includes("TPP_CERT_PEM"));
  expect(sample, "the guide's signing sample").toBeTruthy();
  const dir = mkdtempSync(path.join(tmpdir(), "tpp-sample-"));
  writeFileSync(path.join(dir, "sample.mjs"), sample!.replaceAll("{{BASE_URL}}", baseURL));
  writeFileSync(path.join(dir, "cert.pem"), certificatePem);
  writeFileSync(path.join(dir, "key.pem"), privateKeyPem);
  return execFileSync(process.execPath, ["sample.mjs"], {
    cwd: dir,
    // FORCE_COLOR from the test runner would colour the numbers the sample prints.
    env: {
      ...process.env,
      FORCE_COLOR: "0",
      SANDBOX_KEY: key,
      TPP_CERT_PEM: path.join(dir, "cert.pem"),
      TPP_KEY_PEM: path.join(dir, "key.pem"),
    },
    encoding: "utf8",
    timeout: 30_000,
  });
}

/** POST /berlin-group/v1/consents as a TPP sends it, signed with the certificate and key when given. */
async function createConsent(request: APIRequestContext, key: string, signing?: { certificatePem: string; privateKeyPem: string }) {
  const headers = {
    authorization: `Bearer ${key}`,
    "content-type": "application/json",
    "x-request-id": randomUUID(),
    "psu-ip-address": "192.0.2.10",
    "tpp-decoupled-preferred": "true",
  };
  const response = await request.post("/berlin-group/v1/consents", {
    headers: signing ? { ...signTppRequest({ ...signing, headers, body: CONSENT }), authorization: headers.authorization } : headers,
    data: CONSENT,
  });
  return { status: response.status(), body: await response.json() };
}

test("a developer issues a Berlin Group test certificate, signs a consent request with it, then revokes it", async ({
  page,
  request,
  baseURL,
}) => {
  await signUp(page);
  const reveal = await createApp(page, "Signed TPP");
  const key = await reveal.getByTestId("revealed-secret").inputValue();
  await page.getByRole("button", { name: "I've stored it" }).click();

  const card = page.getByTestId("tpp-certificate");
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByText(/None\. The app.s API key or token stands in/)).toBeVisible();
  await screenshotPage(page, "tpp-certificate-empty", { prepare: () => card.scrollIntoViewIfNeeded() });

  // Issue: the private key is shown once, beside the certificate.
  await card.getByRole("button", { name: "Issue a test certificate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Issue", exact: true }).click();
  const revealed = page.getByTestId("tpp-certificate-reveal");
  await expect(revealed).toBeVisible();
  const privateKeyPem = await revealed.getByTestId("tpp-private-key").inputValue();
  const certificatePem = await revealed.getByTestId("tpp-certificate-pem").inputValue();
  expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  expect(certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(await axeViolations(page)).toEqual([]);
  await screenshotPage(page, "tpp-certificate-reveal");
  await page.getByRole("button", { name: "I've stored it" }).click();
  await expect(revealed).toBeHidden();
  await page.reload();
  await expect(card.getByTestId("tpp-certificate-status")).toContainText("active");
  await expect(page.getByText("BEGIN PRIVATE KEY")).toHaveCount(0);
  await screenshotPage(page, "tpp-certificate-active", { prepare: () => card.scrollIntoViewIfNeeded() });

  // From now on an unsigned Berlin Group request is refused in the standard's terms; a signed one passes.
  const unsigned = await createConsent(request, key);
  expect(unsigned.status).toBe(401);
  expect(unsigned.body.tppMessages[0].code).toMatch(/^(CERTIFICATE|SIGNATURE)_MISSING$/);
  const signed = await createConsent(request, key, { certificatePem, privateKeyPem });
  expect(signed.status, JSON.stringify(signed.body)).toBe(201);
  expect(signed.body.consentStatus).toBe("received");
  // The guide's own signing sample, as downloaded, with this certificate and key.
  const [status, consentId, consentStatus] = runGuideSigningSample(baseURL!, key, certificatePem, privateKeyPem).trim().split(" ");
  expect([status, consentStatus]).toEqual(["201", "received"]);
  expect(consentId).toMatch(/^cns_/);

  // Revoke: the certificate is refused, unsigned requests pass again.
  await card.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(card.getByTestId("tpp-certificate-status")).toContainText("revoked");
  const presented = await createConsent(request, key, { certificatePem, privateKeyPem });
  expect(presented.status).toBe(401);
  expect(presented.body.tppMessages[0].code).toBe("CERTIFICATE_REVOKED");
  expect((await createConsent(request, key)).status).toBe(201);
  expect(await axeViolations(page)).toEqual([]);
});
