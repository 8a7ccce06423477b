import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { db } from "../db";
import { invalidate } from "../keys/cache-invalidation";
import { generateTppKeyPair, issueTppCertificate, readCsr } from "./issue-certificate";
import { portalCa } from "./portal-ca";
import { toTppCertificateDto, tppCertificateSelect, type TppCertificateDto } from "./tpp-certificate-dto";
import type { Psd2Role } from "./psd2-qc-statement";

/**
 * Issues the app a test certificate from the sandbox CA, for the key of the developer's CSR or
 * for a key pair generated here (its private key is in this answer only and never stored). The
 * app's previous certificate is revoked in the same transaction: an app has one at a time. From
 * now on the app's Berlin Group requests must be signed with it.
 */
export async function issueAppCertificate(options: {
  appId: string;
  csr?: string;
  roles: readonly Psd2Role[];
  audit: AuditContext;
}): Promise<{ certificate: TppCertificateDto; private_key?: string }> {
  let publicKey;
  let privateKey: string | undefined;
  if (options.csr !== undefined) {
    const read = await readCsr(options.csr);
    if (!read.ok) throw new AppError("validation_failed", read.detail, { errors: [{ pointer: "/body/csr", detail: read.detail }] });
    publicKey = read.publicKey;
  } else {
    const pair = await generateTppKeyPair();
    publicKey = pair.publicKey;
    privateKey = pair.privateKeyPem;
  }
  const app = await db().app.findUniqueOrThrow({ where: { id: options.appId }, select: { name: true, team: { select: { name: true } } } });
  const ca = await portalCa();
  const issued = await issueTppCertificate({
    ca,
    publicKey,
    appId: options.appId,
    appName: app.name,
    organisationName: app.team.name,
    roles: options.roles,
  });

  const row = await db().$transaction(async (tx) => {
    await tx.oAuthClient.upsert({
      where: { appId: options.appId },
      create: { appId: options.appId, clientId: newId("oauthClient") },
      update: {},
      select: { appId: true },
    });
    const now = new Date();
    await tx.tppCertificate.updateMany({ where: { appId: options.appId, revokedAt: null }, data: { revokedAt: now } });
    const created = await tx.tppCertificate.create({
      data: {
        id: newId("tppCertificate"),
        appId: options.appId,
        serialNumber: issued.serialNumber,
        subject: issued.subject,
        fingerprint: issued.fingerprint,
        roles: options.roles.join(","),
        pem: issued.pem,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
      },
      select: tppCertificateSelect,
    });
    await recordAudit(tx, {
      ...options.audit,
      action: "app.tpp_certificate_issued",
      target: { type: "app", id: options.appId },
      metadata: { serial_number: issued.serialNumber, roles: options.roles.join(","), key: privateKey ? "generated" : "csr" },
    });
    return created;
  });
  // The gateway reads an app's certificates with its OAuth client (find-client-app.ts).
  await invalidate({ kind: "oauth_clients" });
  return { certificate: toTppCertificateDto(row, ca.name), ...(privateKey ? { private_key: privateKey } : {}) };
}
