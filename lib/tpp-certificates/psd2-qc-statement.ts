/**
 * The PSD2 QCStatement of an eIDAS certificate for a payment service provider (ETSI TS 119 495
 * §5.1): the qcStatements extension (RFC 3739, id-pe-qcStatements) holding one statement
 * `id-etsi-psd2-qcStatement` whose PSD2QcType names the PSP's roles, the competent authority
 * (NCA) and its id. DER is written by hand: the structure is fixed and small, and no installed
 * library knows it.
 *
 *   PSD2QcType ::= SEQUENCE { rolesOfPSP RolesOfPSP, nCAName UTF8String, nCAId UTF8String }
 *   RolesOfPSP ::= SEQUENCE OF SEQUENCE { roleOfPspOid OBJECT IDENTIFIER, roleOfPspName UTF8String }
 */

export const QC_STATEMENTS_OID = "1.3.6.1.5.5.7.1.3";
const PSD2_QC_STATEMENT_OID = "0.4.0.19495.2";

export const PSD2_ROLES = ["PSP_AS", "PSP_PI", "PSP_AI", "PSP_IC"] as const;
export type Psd2Role = (typeof PSD2_ROLES)[number];

/** ETSI TS 119 495's role OIDs (id-psd2-role-psp-*). */
const ROLE_OIDS: Record<Psd2Role, string> = {
  PSP_AS: "0.4.0.19495.1.1",
  PSP_PI: "0.4.0.19495.1.2",
  PSP_AI: "0.4.0.19495.1.3",
  PSP_IC: "0.4.0.19495.1.4",
};

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, content: Buffer) => Buffer.concat([Buffer.from([tag]), length(content.length), content]);
const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, "utf8"));

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128: number[] = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) base128.unshift((value & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** The qcStatements extension value (DER) naming these roles and the sandbox as the NCA. */
export function psd2QcStatements(options: { roles: readonly Psd2Role[]; ncaName: string; ncaId: string }): Buffer {
  const roles = sequence(...options.roles.map((role) => sequence(oid(ROLE_OIDS[role]), utf8(role))));
  const psd2 = sequence(roles, utf8(options.ncaName), utf8(options.ncaId));
  return sequence(sequence(oid(PSD2_QC_STATEMENT_OID), psd2));
}

/** The roles whose OIDs a qcStatements value carries (a check for tests and the portal, not a full parser). */
export function rolesOfQcStatements(der: Buffer): Psd2Role[] {
  const found: Psd2Role[] = [];
  for (const [role, dotted] of Object.entries(ROLE_OIDS) as [Psd2Role, string][]) {
    if (der.includes(oid(dotted))) found.push(role);
  }
  return found;
}
