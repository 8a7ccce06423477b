/**
 * Every credential format the platform issues (or has reserved), in one list: the request log's
 * masking (lib/request-logs/mask.ts), the audit log's sanitiser (lib/audit/sanitize-metadata.ts)
 * and the secrets-at-rest reliability test all derive from it. A new kind of credential is a new
 * line here, and is then masked wherever it appears and searched for in both databases.
 *
 * Each format is a literal prefix saying what the credential is, then a body. Bodies are matched
 * from 8 characters on, so a truncated credential is masked too; `length` is the issued body's
 * exact length, for recognising a whole one.
 *
 * Not here, because they carry no prefix to recognise them by: the authorization server's own
 * access, refresh and client-credentials tokens (oidc-provider's opaque ids; masked under their
 * header and field names: Authorization, DPoP, access_token, refresh_token), and the tokens of
 * invitation and account-email links (random base64url, used on the portal's own pages and API,
 * never through the gateway whose log is masked; stored only as hashes).
 */
export type CredentialFormat = {
  /** A stable name: "api_key", "webhook_signing_secret"… */
  kind: string;
  /** What it is, in words (test names, docs). */
  description: string;
  prefix: string;
  /** The characters of the body, as a regex character class. */
  charset: string;
  /** The issued body's length (base64 bodies: with their padding). */
  length: number;
  /** Where it is made; `reserved` formats are not issued yet but are masked already. */
  issuedBy: string;
  status: "issued" | "reserved";
};

const BASE62 = "[0-9A-Za-z]";
const BASE64 = "[0-9A-Za-z+/=]";

export const CREDENTIAL_FORMATS = [
  {
    kind: "api_key",
    description: "Sandbox API key (read-write or read-only)",
    prefix: "sk_sandbox_",
    charset: BASE62,
    length: 36,
    issuedBy: "lib/keys/api-key.ts",
    status: "issued",
  },
  {
    kind: "restricted_api_key",
    description: "Restricted sandbox API key",
    prefix: "rk_sandbox_",
    charset: BASE62,
    length: 36,
    issuedBy: "(reserved for restricted keys)",
    status: "reserved",
  },
  {
    kind: "live_api_key",
    description: "Production API key",
    prefix: "sk_live_",
    charset: BASE62,
    length: 36,
    issuedBy: "(reserved for production access after go-live)",
    status: "reserved",
  },
  {
    kind: "live_restricted_api_key",
    description: "Restricted production API key",
    prefix: "rk_live_",
    charset: BASE62,
    length: 36,
    issuedBy: "(reserved for production access after go-live)",
    status: "reserved",
  },
  {
    kind: "oauth_client_secret",
    description: "OAuth client secret",
    prefix: "cs_sandbox_",
    charset: BASE62,
    length: 36,
    issuedBy: "lib/oauth-clients/client-secret.ts",
    status: "issued",
  },
  {
    kind: "webhook_signing_secret",
    description: "Webhook signing secret (Standard Webhooks)",
    prefix: "whsec_",
    charset: BASE64,
    length: 32,
    issuedBy: "lib/webhooks/signing-secret.ts",
    status: "issued",
  },
  {
    kind: "consent_access_token",
    description: "Consent access token (minted by POST /v1/sandbox/consents)",
    prefix: "oat_",
    charset: BASE62,
    length: 43,
    issuedBy: "mock-bank/src/domain/oauth/opaque-token.ts",
    status: "issued",
  },
  {
    kind: "consent_refresh_token",
    description: "Consent refresh token (minted by POST /v1/sandbox/consents)",
    prefix: "ort_",
    charset: BASE62,
    length: 43,
    issuedBy: "mock-bank/src/domain/oauth/opaque-token.ts",
    status: "issued",
  },
  {
    kind: "authorization_code",
    description: "Authorization code",
    prefix: "oac_",
    charset: BASE62,
    length: 43,
    issuedBy: "mock-bank/src/domain/oauth/provider.ts (the authorization server's codes, named by opaque-token.ts)",
    status: "issued",
  },
  {
    kind: "registration_access_token",
    description: "Registration access token of a dynamically registered client (RFC 7592)",
    prefix: "rat_",
    charset: BASE62,
    length: 43,
    issuedBy: "mock-bank/src/domain/oauth/provider.ts",
    status: "issued",
  },
  {
    kind: "personal_access_token",
    description: "Personal access token for the portal API (the CLI, CI)",
    prefix: "pat_",
    charset: BASE62,
    length: 36,
    issuedBy: "lib/tokens/personal-access-token.ts",
    status: "issued",
  },
  {
    kind: "device_code",
    description: "Device code of the CLI's browser sign-in (RFC 8628 device authorization grant)",
    prefix: "dvc_",
    charset: BASE62,
    length: 36,
    issuedBy: "lib/device/device-codes.ts",
    status: "issued",
  },
] as const satisfies readonly CredentialFormat[];

export type CredentialKind = (typeof CREDENTIAL_FORMATS)[number]["kind"];

/** The shortest body still taken for a credential (a truncated one is still masked). */
const MIN_BODY = 8;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One regex for every format, so text is scanned once whatever the number of formats. */
const SOURCE = `\\b(?:${CREDENTIAL_FORMATS.map((format) => `${escape(format.prefix)}${format.charset}{${MIN_BODY},}`).join("|")})`;

/** A fresh global regex matching any credential in a text (a new one per call: `g` regexes keep state). */
export function credentialPattern(): RegExp {
  return new RegExp(SOURCE, "g");
}

const ANY_CREDENTIAL = new RegExp(SOURCE);

/** Whether a text holds anything shaped like one of our credentials. */
export function containsCredential(text: string): boolean {
  return ANY_CREDENTIAL.test(text);
}

/** The prefix of a format by its kind: where a credential is made, its prefix comes from here. */
export function credentialPrefix(kind: CredentialKind): string {
  return CREDENTIAL_FORMATS.find((format) => format.kind === kind)!.prefix;
}

/** The format a credential (or a text starting with one) has, if any. */
export function credentialFormatOf(value: string): CredentialFormat | undefined {
  return (CREDENTIAL_FORMATS as readonly CredentialFormat[]).find((format) => value.startsWith(format.prefix));
}

const MASK_ALL = credentialPattern();

/** Every credential in a text replaced by its prefix and `censor`: "sk_sandbox_[REDACTED]" (the prefix says what leaked). */
export function maskCredentials(text: string, censor: string): string {
  if (!ANY_CREDENTIAL.test(text)) return text;
  return text.replace(MASK_ALL, (match) => `${credentialFormatOf(match)?.prefix ?? ""}${censor}`);
}

/** A whole, issued-shape credential of this format (for tests and validators): prefix plus exactly `length` characters. */
export function isWholeCredential(format: CredentialFormat, value: string): boolean {
  return new RegExp(`^${escape(format.prefix)}${format.charset}{${format.length}}$`).test(value);
}
