import { execFileSync } from "node:child_process";
import { generateKeyPairSync, X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "@/mock-bank/test/helpers";
import { startTestPortal } from "@/tests/support/test-portal";
import { db } from "../db";
import { portal, type Portal } from "../runtime";
import { issueAppCertificate } from "./issue-app-certificate";
import { revokeAppCertificate } from "./revoke-app-certificate";
import { getAppCertificate } from "./get-app-certificate";
import { findClientAppOfApp } from "../oauth-clients/find-client-app";
import { portalCa } from "./portal-ca";
import { getTppCertificateOperation, issueTppCertificateOperation, revokeTppCertificateOperation } from "./tpp-certificate-operations";

/** What `handle` checks outside production: the answer fits the published schema. */
const fits = (schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }, value: unknown) =>
  expect(schema.safeParse(value), JSON.stringify(schema.safeParse(value).error)).toMatchObject({ success: true });

// The domain functions against a database migrated as production's is (the committed SQLite
// migrations). Unit files share a worker (isolate: false) and its one portal slot: this file puts
// its own portal there for its tests and gives the slot back after.
const slot = globalThis as unknown as { openbankPortal?: Portal };
const database = createTestDatabase();
let previous: Portal | undefined;
beforeAll(async () => {
  previous = slot.openbankPortal;
  slot.openbankPortal = undefined;
  startTestPortal({ DATABASE_URL: database.url });
  await db().user.create({ data: { id: "usr_1", email: "a@example.com", name: "A" } });
  await db().team.create({ data: { id: "team_1", name: "Acme Ltd" } });
  await db().app.create({ data: { id: "app_1", teamId: "team_1", name: "Budget", createdById: "usr_1" } });
  await db().app.create({ data: { id: "app_2", teamId: "team_1", name: "Payroll", createdById: "usr_1" } });
});
afterAll(async () => {
  await portal().close();
  slot.openbankPortal = previous;
  // Later files in this worker may count on a started portal (some never start one): leave the default one.
  if (!previous) startTestPortal();
  database.remove();
});

it("issues (one active at a time), reads, revokes and audits an app's certificate, storing no private key", async () => {
  const audit = { teamId: "team_1", actor: { userId: "usr_1", email: "a@example.com", ip: "127.0.0.1" } };
  const first = await issueAppCertificate({ appId: "app_1", roles: ["PSP_AI", "PSP_PI"], audit });
  expect(first.private_key).toContain("BEGIN PRIVATE KEY");
  fits(issueTppCertificateOperation.success.schema, first);
  expect(first.certificate.subject).toContain("O=Acme Ltd");
  const cert = new X509Certificate(first.certificate.certificate_pem);
  expect(cert.verify((await portalCa()).publicKey)).toBe(true);
  const second = await issueAppCertificate({ appId: "app_1", roles: ["PSP_IC"], audit });
  const client = await findClientAppOfApp("app_1");
  expect(client?.tppCertificates.map((c) => [c.serialNumber, c.revokedAt === null])).toEqual([
    [second.certificate.serial_number, true],
    [first.certificate.serial_number, false],
  ]);
  const read = await getAppCertificate("app_1");
  expect(read.certificate?.id).toBe(second.certificate.id);
  expect(read.certificate?.roles).toEqual(["PSP_IC"]);
  expect(read.ca_certificate_pem).toContain("BEGIN CERTIFICATE");
  fits(getTppCertificateOperation.success.schema, read);
  const revoked = await revokeAppCertificate({ appId: "app_1", audit });
  expect(revoked.revoked_at).not.toBeNull();
  fits(revokeTppCertificateOperation.success.schema, revoked);
  await expect(revokeAppCertificate({ appId: "app_1", audit })).rejects.toMatchObject({ code: "resource_not_found" });
  const rows = await db().auditEvent.findMany({ where: { targetId: "app_1" }, select: { action: true, metadata: true } });
  expect(rows.map((r) => r.action).sort()).toEqual([
    "app.tpp_certificate_issued",
    "app.tpp_certificate_issued",
    "app.tpp_certificate_revoked",
  ]);
  expect(JSON.stringify(rows)).not.toContain("PRIVATE KEY");
  const stored = JSON.stringify(await db().tppCertificate.findMany({ where: { appId: "app_1" } }));
  expect(stored).not.toContain(first.private_key!.split("\n")[1]);
});

it("issues for a CSR's key (no private key in the answer) and refuses a bad CSR at /body/csr", async () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const dir = mkdtempSync(path.join(tmpdir(), "csr-"));
  writeFileSync(path.join(dir, "key.pem"), privateKey.export({ format: "pem", type: "pkcs8" }));
  const csr = execFileSync("openssl", ["req", "-new", "-key", path.join(dir, "key.pem"), "-subj", "/CN=ignored"]).toString();
  rmSync(dir, { recursive: true, force: true });
  const audit = { teamId: "team_1", actor: { userId: "usr_1", email: "a@example.com", ip: "127.0.0.1" } };
  const issued = await issueAppCertificate({ appId: "app_2", csr, roles: ["PSP_AI"], audit });
  expect(issued.private_key).toBeUndefined();
  expect(issued.certificate.subject).not.toContain("ignored");
  const certificateKey = new X509Certificate(issued.certificate.certificate_pem).publicKey.export({ format: "jwk" });
  expect(certificateKey).toEqual(publicKey.export({ format: "jwk" }));
  await expect(issueAppCertificate({ appId: "app_2", csr: "not a csr", roles: ["PSP_AI"], audit })).rejects.toMatchObject({
    code: "validation_failed",
    errors: [{ pointer: "/body/csr" }],
  });
});

it("asks for all three TPP roles by default, once each, and refuses PSP_AS (a bank's role)", () => {
  expect(issueTppCertificateOperation.body.parse({})).toEqual({ roles: ["PSP_AI", "PSP_PI", "PSP_IC"] });
  expect(issueTppCertificateOperation.body.parse({ roles: ["PSP_PI", "PSP_PI"] })).toEqual({ roles: ["PSP_PI"] });
  expect(issueTppCertificateOperation.body.safeParse({ roles: ["PSP_AS"] }).success).toBe(false);
  expect(issueTppCertificateOperation.body.safeParse({ roles: [] }).success).toBe(false);
});
