import { createHash, verify, X509Certificate } from "node:crypto";
import { bgServiceOf, type BgMessageCode, type BgService } from "@openbank/contracts/berlin-group-errors";

/**
 * Berlin Group request signing (NextGenPSD2 implementation guidelines, "Signing Messages at
 * Application Layer", after draft-cavage-http-signatures-10): an app that holds a test
 * certificate from the portal's sandbox CA signs every request.
 *
 *   TPP-Signature-Certificate: base64 DER of the certificate
 *   Digest: SHA-256=base64(SHA-256(body bytes))   (an empty body hashes the empty string; SHA-512 also taken)
 *   Signature: keyId="SN=<serial hex>,CA=<issuer DN>",algorithm="rsa-sha256",
 *              headers="digest x-request-id [psu-id] [psu-corporate-id] [tpp-redirect-uri] [date]",
 *              signature="base64(RSA-SHA256(signing string))"
 *
 * The signing string is one `name: value` line per listed header, in the listed order, joined by
 * "\n" (`(request-target)` is `method path`, lower-case method). Expected failures are values.
 *
 * Codes: the certificate's (CERTIFICATE_MISSING / _INVALID / _EXPIRED / _REVOKED; ROLE_INVALID
 * when its PSD2 roles lack the service's: PSP_AI for accounts and consents, PSP_PI for payments,
 * PSP_IC for funds confirmation) and the
 * signature's (SIGNATURE_MISSING / _INVALID), 401 as the guidelines list them. A Digest that does
 * not match the body is SIGNATURE_INVALID: the signed digest no longer proves the message (the
 * OpenAPI document names no code for it). A Digest header that is missing beside a Signature, or
 * names no algorithm we read, is FORMAT_ERROR (400): the document's conditional header is absent
 * or malformed.
 */

/** A certificate the portal issued to the app, as the gateway knows it (`roles` comma-separated, as stored). */
export type RegisteredCertificate = { fingerprint: string; serialNumber: string; roles: string; revokedAt: Date | null };

/**
 * The PSD2 role a service needs (ETSI TS 119 495): account information PSP_AI, payment initiation
 * PSP_PI (signing baskets group payments), confirmation of funds PSP_IC.
 */
const ROLE_OF_SERVICE: Record<BgService, string> = { AIS: "PSP_AI", PIS: "PSP_PI", SBS: "PSP_PI", PIIS: "PSP_IC" };

export type TppSignatureContext = {
  method: string;
  /** Path and query as sent. */
  path: string;
  headers: { get(name: string): string | null };
  /** The exact bytes forwarded to the bank (undefined: no body). */
  body: Buffer | undefined;
  /** The app's certificates (active, expired and revoked). */
  certificates: readonly RegisteredCertificate[];
  ca: { certificate: X509Certificate; publicKey: import("node:crypto").KeyObject };
  now: Date;
};

export type TppSignatureVerdict =
  { ok: true; applies: boolean } | { ok: false; code: BgMessageCode; status: 400 | 401; header: string; detail: string };

/** The headers a signature must cover, always, and whenever the request carries them. */
const ALWAYS_SIGNED = ["digest", "x-request-id"] as const;
const SIGNED_WHEN_PRESENT = ["psu-id", "psu-corporate-id", "tpp-redirect-uri", "date"] as const;
const DIGEST_ALGORITHMS: Record<string, string> = { "SHA-256": "sha256", "SHA-512": "sha512" };

const fail = (code: BgMessageCode, header: string, detail: string, status: 400 | 401 = 401): TppSignatureVerdict => ({
  ok: false,
  code,
  status,
  header,
  detail,
});

/** Whether the app must sign: it holds a certificate that is neither revoked nor expired. */
export function signingRequired(certificates: readonly { revokedAt: Date | null; notAfter: Date }[], now: Date): boolean {
  return certificates.some((cert) => !cert.revokedAt && cert.notAfter > now);
}

/**
 * Verifies a request's certificate, digest and signature. `applies: false`: the app holds no
 * certificate and the request presents none, so nothing is checked (as before certificates).
 */
export function verifyTppSignature(context: TppSignatureContext & { required: boolean }): TppSignatureVerdict {
  const { headers } = context;
  const presented = headers.get("tpp-signature-certificate");
  if (presented === null) {
    if (!context.required) return { ok: true, applies: false };
    return fail(
      "CERTIFICATE_MISSING",
      "TPP-Signature-Certificate",
      "This app holds a test certificate from the portal: send it, base64 DER, in TPP-Signature-Certificate, and sign the request.",
    );
  }

  const certificate = readCertificate(presented);
  if (!certificate) {
    return fail("CERTIFICATE_INVALID", "TPP-Signature-Certificate", "TPP-Signature-Certificate is not a base64 DER X.509 certificate.");
  }
  if (!certificate.checkIssued(context.ca.certificate) || !certificate.verify(context.ca.publicKey)) {
    return fail(
      "CERTIFICATE_INVALID",
      "TPP-Signature-Certificate",
      "The certificate was not issued by the portal's sandbox test CA. Get one on the app's Security profile.",
    );
  }
  const registered = context.certificates.find((cert) => cert.fingerprint === certificate.fingerprint256);
  if (!registered) {
    return fail("CERTIFICATE_INVALID", "TPP-Signature-Certificate", "The certificate was not issued to this app.");
  }
  if (registered.revokedAt) {
    return fail("CERTIFICATE_REVOKED", "TPP-Signature-Certificate", "The certificate was revoked in the portal. Issue a new one.");
  }
  if (new Date(certificate.validTo) <= context.now) {
    return fail(
      "CERTIFICATE_EXPIRED",
      "TPP-Signature-Certificate",
      `The certificate expired at ${new Date(certificate.validTo).toISOString()}.`,
    );
  }
  if (new Date(certificate.validFrom) > context.now) {
    return fail("CERTIFICATE_INVALID", "TPP-Signature-Certificate", "The certificate is not valid yet.");
  }

  const role = ROLE_OF_SERVICE[bgServiceOf(context.path)];
  if (!registered.roles.split(",").includes(role)) {
    return fail(
      "ROLE_INVALID",
      "TPP-Signature-Certificate",
      `The certificate's PSD2 roles (${registered.roles}) do not include ${role}, which this service needs.`,
    );
  }

  const signatureHeader = headers.get("signature");
  if (signatureHeader === null)
    return fail("SIGNATURE_MISSING", "Signature", "Sign the request: a Signature header is required with a certificate.");
  const digestHeader = headers.get("digest");
  if (digestHeader === null)
    return fail("FORMAT_ERROR", "Digest", "A signed request carries Digest: SHA-256= and the base64 SHA-256 of the body.", 400);

  const signature = parseSignature(signatureHeader);
  if (!signature) {
    return fail("SIGNATURE_INVALID", "Signature", 'Signature must be keyId="…",algorithm="rsa-sha256",headers="…",signature="…".');
  }
  if (signature.algorithm !== undefined && signature.algorithm.toLowerCase() !== "rsa-sha256") {
    return fail("SIGNATURE_INVALID", "Signature", `Signature algorithm "${signature.algorithm}" is not supported: use rsa-sha256.`);
  }
  const keyId = /^SN=([0-9A-Fa-f]+),CA=(.+)$/.exec(signature.keyId);
  if (!keyId)
    return fail("SIGNATURE_INVALID", "Signature", 'keyId must be "SN=<certificate serial in hex>,CA=<issuer distinguished name>".');
  if (stripZeros(keyId[1]) !== stripZeros(certificate.serialNumber)) {
    return fail("CERTIFICATE_INVALID", "Signature", `keyId names serial ${keyId[1]}, the certificate's is ${certificate.serialNumber}.`);
  }
  if (!sameIssuer(keyId[2], certificate.issuer)) {
    return fail(
      "CERTIFICATE_INVALID",
      "Signature",
      `keyId's CA= must name the certificate's issuer (${certificate.issuer.replaceAll("\n", ",")}).`,
    );
  }

  const listed = signature.headers
    .split(/\s+/)
    .filter(Boolean)
    .map((name) => name.toLowerCase());
  const mustSign = [...ALWAYS_SIGNED, ...SIGNED_WHEN_PRESENT.filter((name) => headers.get(name) !== null)];
  const unsigned = mustSign.filter((name) => !listed.includes(name));
  if (unsigned.length > 0)
    return fail("SIGNATURE_INVALID", "Signature", `The signature must cover ${unsigned.join(", ")} (its headers="…").`);
  const absent = listed.find((name) => name !== "(request-target)" && headers.get(name) === null);
  if (absent) return fail("SIGNATURE_INVALID", "Signature", `The signature lists ${absent}, which the request does not carry.`);

  const digest = /^([A-Za-z0-9-]+)=(.+)$/.exec(digestHeader.trim());
  const algorithm = digest ? DIGEST_ALGORITHMS[digest[1].toUpperCase()] : undefined;
  if (!digest || !algorithm) return fail("FORMAT_ERROR", "Digest", "Digest must be SHA-256=<base64> (or SHA-512=<base64>).", 400);
  const actual = createHash(algorithm)
    .update(context.body ?? Buffer.alloc(0))
    .digest("base64");
  if (actual !== digest[2])
    return fail("SIGNATURE_INVALID", "Digest", "Digest does not match the body sent: hash the exact bytes of the body.");

  const signingString = listed
    .map((name) =>
      name === "(request-target)"
        ? `(request-target): ${context.method.toLowerCase()} ${context.path}`
        : `${name}: ${headers.get(name)!.trim()}`,
    )
    .join("\n");
  const valid = verify("sha256", Buffer.from(signingString), certificate.publicKey, Buffer.from(signature.signature, "base64"));
  if (!valid) {
    return fail("SIGNATURE_INVALID", "Signature", "The signature does not verify with the certificate's key over the listed headers.");
  }
  return { ok: true, applies: true };
}

/** base64 DER, as the document has it; a PEM (with or without its armour lines) is read too. */
function readCertificate(value: string): X509Certificate | null {
  const base64 = value.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  try {
    return new X509Certificate(Buffer.from(base64, "base64"));
  } catch {
    return null;
  }
}

/** keyId's `CA=` (RFC 4514, `,`-separated, percent-encoded or not) against node's issuer (one attribute a line). */
function sameIssuer(given: string, issuer: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(given);
  } catch {
    return false;
  }
  const normalise = (parts: string[]) =>
    parts
      .map((part) => part.trim().replace(/\s*=\s*/, "="))
      .sort()
      .join(",");
  return normalise(decoded.split(",")) === normalise(issuer.split("\n"));
}

const stripZeros = (hex: string) => hex.toUpperCase().replace(/^0+/, "");

type SignatureParams = { keyId: string; algorithm?: string; headers: string; signature: string };

/** `keyId="…",algorithm="…",headers="…",signature="…"`: quoted values, any order; keyId, headers and signature required. */
export function parseSignature(value: string): SignatureParams | null {
  const params: Record<string, string> = {};
  const pattern = /\s*([A-Za-z]+)="([^"]*)"\s*(?:,|$)/y;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = pattern.exec(value)) !== null) {
    params[match[1]] = match[2];
    end = pattern.lastIndex;
    if (end >= value.length) break;
  }
  if (value.slice(end).trim() !== "") return null;
  if (!params.keyId || !params.headers || !params.signature) return null;
  return { keyId: params.keyId, algorithm: params.algorithm, headers: params.headers, signature: params.signature };
}
