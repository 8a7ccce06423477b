import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { PSD2_ROLES, type Psd2Role } from "./psd2-qc-statement";

/** The roles a developer may ask for (PSP_AS, a bank's own role, is not a TPP's). */
export const TPP_ROLES = ["PSP_AI", "PSP_PI", "PSP_IC"] as const satisfies readonly Psd2Role[];

/** A test certificate as the API shows it: the certificate is public; its private key is never stored. */
export const tppCertificateDto = z.object({
  id: resourceId,
  serial_number: text(64).describe("Upper-case hex: the `SN=` of the Signature header's `keyId`."),
  subject: text(600).describe("CN (the app), O (the team), organizationIdentifier (`PSDXX-SANDBOX-<app id>`), C."),
  issuer: text(300).describe("The sandbox test CA: the `CA=` of `keyId`."),
  fingerprint_sha256: text(120),
  roles: z.array(z.enum(PSD2_ROLES)).max(4).describe("The PSD2 roles in its qcStatements (ETSI TS 119 495)."),
  not_before: timestamp,
  not_after: timestamp,
  created_at: timestamp,
  revoked_at: timestamp.nullable(),
  certificate_pem: text(8000).describe(
    "The certificate (PEM). `TPP-Signature-Certificate` carries its base64 DER: the PEM's body without the armour lines.",
  ),
});

export type TppCertificateDto = z.output<typeof tppCertificateDto>;

export const tppCertificateSelect = {
  id: true,
  serialNumber: true,
  subject: true,
  fingerprint: true,
  roles: true,
  pem: true,
  notBefore: true,
  notAfter: true,
  createdAt: true,
  revokedAt: true,
} as const;

type Row = {
  id: string;
  serialNumber: string;
  subject: string;
  fingerprint: string;
  roles: string;
  pem: string;
  notBefore: Date;
  notAfter: Date;
  createdAt: Date;
  revokedAt: Date | null;
};

export function toTppCertificateDto(row: Row, issuer: string): TppCertificateDto {
  return {
    id: row.id,
    serial_number: row.serialNumber,
    subject: row.subject,
    issuer,
    fingerprint_sha256: row.fingerprint,
    roles: row.roles.split(",").filter((role): role is Psd2Role => (PSD2_ROLES as readonly string[]).includes(role)),
    not_before: row.notBefore.toISOString(),
    not_after: row.notAfter.toISOString(),
    created_at: row.createdAt.toISOString(),
    revoked_at: row.revokedAt?.toISOString() ?? null,
    certificate_pem: row.pem,
  };
}
