import { AppError } from "@openbank/contracts/errors";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { db } from "../db";
import { invalidate } from "../keys/cache-invalidation";
import { portalCa } from "./portal-ca";
import { toTppCertificateDto, tppCertificateSelect, type TppCertificateDto } from "./tpp-certificate-dto";

/**
 * Revokes the app's test certificate at once. The app's Berlin Group requests are then checked as
 * before certificates (its key or token); one that still presents the revoked certificate is
 * refused with CERTIFICATE_REVOKED.
 */
export async function revokeAppCertificate(options: { appId: string; audit: AuditContext }): Promise<TppCertificateDto> {
  const ca = await portalCa();
  const row = await db().$transaction(async (tx) => {
    const current = await tx.tppCertificate.findFirst({ where: { appId: options.appId, revokedAt: null }, select: { id: true } });
    if (!current) throw new AppError("resource_not_found", "The app has no certificate to revoke.");
    const revoked = await tx.tppCertificate.update({
      where: { id: current.id },
      data: { revokedAt: new Date() },
      select: tppCertificateSelect,
    });
    await recordAudit(tx, {
      ...options.audit,
      action: "app.tpp_certificate_revoked",
      target: { type: "app", id: options.appId },
      metadata: { serial_number: revoked.serialNumber },
    });
    return revoked;
  });
  await invalidate({ kind: "oauth_clients" });
  return toTppCertificateDto(row, ca.name);
}
