import { createHash, sign, X509Certificate } from "node:crypto";

/**
 * What a Berlin Group TPP does to sign a request (the counterpart of verify-tpp-signature.ts):
 * Digest of the exact body, the signing string over the headers that must be covered, an
 * RSA-SHA256 signature, and the certificate in TPP-Signature-Certificate. Used by the tests, and
 * the same steps as the guide's Node sample.
 */
export function signTppRequest(options: {
  certificatePem: string;
  privateKeyPem: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Headers to sign beyond digest and x-request-id (those the request carries of psu-id, psu-corporate-id, tpp-redirect-uri, date by default). */
  signed?: string[];
}): Record<string, string> {
  const certificate = new X509Certificate(options.certificatePem);
  const headers: Record<string, string> = {};
  for (const name in options.headers) headers[name.toLowerCase()] = options.headers[name];
  headers.digest = `SHA-256=${createHash("sha256")
    .update(options.body ?? "")
    .digest("base64")}`;
  const listed = options.signed ?? [
    "digest",
    "x-request-id",
    ...["psu-id", "psu-corporate-id", "tpp-redirect-uri", "date"].filter((name) => name in headers),
  ];
  const signingString = listed.map((name) => `${name}: ${headers[name]}`).join("\n");
  const signature = sign("sha256", Buffer.from(signingString), options.privateKeyPem).toString("base64");
  const issuer = certificate.issuer.split("\n").join(",");
  return {
    ...headers,
    "tpp-signature-certificate": certificate.raw.toString("base64"),
    signature: `keyId="SN=${certificate.serialNumber},CA=${issuer}",algorithm="rsa-sha256",headers="${listed.join(" ")}",signature="${signature}"`,
  };
}
