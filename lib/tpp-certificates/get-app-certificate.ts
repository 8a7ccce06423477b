import { db } from "../db";
import { portalCa } from "./portal-ca";
import { toTppCertificateDto, tppCertificateSelect, type TppCertificateDto } from "./tpp-certificate-dto";

/** The app's current test certificate (the latest issued, even if revoked or expired, so the page can say so) and the CA's own. */
export async function getAppCertificate(appId: string): Promise<{ certificate: TppCertificateDto | null; ca_certificate_pem: string }> {
  const ca = await portalCa();
  const row = await db().tppCertificate.findFirst({ where: { appId }, orderBy: { createdAt: "desc" }, select: tppCertificateSelect });
  return { certificate: row ? toTppCertificateDto(row, ca.name) : null, ca_certificate_pem: ca.pem };
}
