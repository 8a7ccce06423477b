/**
 * Masking for stored request logs: secrets are removed, personal data is partially hidden,
 * before anything reaches the database. One module, so every stored field goes through
 * the same rules. Works on header maps, JSON bodies, form bodies and free text.
 */

import { maskCredentials } from "@openbank/contracts/credential-formats";

export const REDACTED = "[REDACTED]";

/** Bodies are stored up to this many characters after masking. */
export const MAX_STORED_BODY_CHARS = 32 * 1024;
/** Larger bodies are not parsed at all (the gateway caps request bodies at 256 KiB). */
const MAX_PARSED_BODY_BYTES = 512 * 1024;

/** Headers that carry the caller's (or, on the standards, the customer's) IP address: personal data, kept to the network. */
const IP_HEADERS = new Set([
  "x-openbank-client-ip",
  "x-forwarded-for",
  "x-real-ip",
  "forwarded",
  "cf-connecting-ip",
  "true-client-ip",
  "x-fapi-customer-ip-address",
  "psu-ip-address",
]);

/** "203.0.113.42" → "203.0.113.***"; "2001:db8:85a3::8a2e:370:7334" → "2001:db8:85a3:***". */
export function maskIp(value: string): string {
  return value
    .replace(/(\d{1,3}\.\d{1,3}\.\d{1,3}\.)\d{1,3}/g, "$1***")
    .replace(/\b([0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}):[0-9a-f:]*[0-9a-f]/gi, "$1:***");
}

/** Headers whose whole value is a credential. */
const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "x-internal-secret",
  "webhook-signature",
]);

/**
 * A field or header name that holds a secret (matched on a normalised name: lowercase, no `-`/`_`).
 * Berlin Group's EMBEDDED SCA relays the PSU's one-time password as `scaAuthenticationData` (or a
 * redirect's `confirmationCode`), its password under `psuData`.
 */
const SECRET_NAME =
  /(pass(word|phrase)?|pwd|secret|token|apikey|authorization|credentials?|signature|cookie|sessionid|otp|pin|cvv|cvc|codeverifier|privatekey|authenticationdata|confirmationcode)$|^key$/;
/** In form bodies (OAuth token requests) an authorization `code` is a credential too. */
const SECRET_FORM_NAME = /^code$/;

type PartialRule = (value: string) => string;

/** Personal data, kept recognisable but not readable. Matched on normalised field names. */
const PERSONAL_FIELDS: Array<[RegExp, PartialRule]> = [
  [/^iban$/, maskIban],
  [/accountnumber$|^pan$|cardnumber$/, keepLast(4)],
  [/^(nationalid|ssn|nino|nationalinsurancenumber|taxid|passportnumber|driverslicence|driverslicense)$/, keepLast(2)],
  [/email$/, maskEmail],
  [/^(phone|phonenumber|mobile|telephone)$/, keepLast(3)],
  [/^(dateofbirth|dob|birthdate)$/, maskDateOfBirth],
  [/^(line1|line2|addressline1|addressline2|street)$/, keepFirst(1)],
];

/** The standards' headers naming the customer (Berlin Group's PSU-*): recognisable, not readable. */
const PERSONAL_HEADERS: Record<string, PartialRule> = {
  "psu-id": keepLast(2),
  "psu-corporate-id": keepLast(2),
  "psu-device-id": keepLast(4),
  "psu-geo-location": () => REDACTED,
};

// Patterns found in any text, whatever the field is called. Our own credentials (API keys, client
// and webhook secrets, consent tokens, codes…) come from @openbank/contracts/credential-formats: one
// regex for all of them, so a new format is masked everywhere without a change here.
const JWT = /\beyJ[0-9A-Za-z_-]{5,}\.[0-9A-Za-z_-]{5,}\.[0-9A-Za-z_-]{5,}\b/g;
const BEARER = /\b(Bearer|Basic)\s+[0-9A-Za-z._~+/=-]{8,}/gi;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, "");
}

export function isSecretName(name: string): boolean {
  const normalised = normaliseName(name);
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_NAME.test(normalised);
}

function keepLast(n: number): PartialRule {
  return (value) => (value.length <= n ? "*".repeat(value.length) : "*".repeat(Math.min(value.length - n, 8)) + value.slice(-n));
}

function keepFirst(n: number): PartialRule {
  return (value) => (value.length <= n ? "*".repeat(value.length) : value.slice(0, n) + "***");
}

/** "GB33BUKB20201555555555" → "GB33 **** 5555": country and check digits, then the last four. */
export function maskIban(value: string): string {
  const compact = value.replace(/\s/g, "");
  if (compact.length < 10) return "*".repeat(compact.length);
  return `${compact.slice(0, 4)} **** ${compact.slice(-4)}`;
}

/** "jane.doe@example.com" → "j***@example.com". */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf("@");
  if (at < 1) return keepLast(2)(value);
  return `${value[0]}***${value.slice(at)}`;
}

/** Keeps the year only: "1990-04-12" → "1990-**-**". */
function maskDateOfBirth(value: string): string {
  const match = /^(\d{4})-\d{2}-\d{2}/.exec(value);
  return match ? `${match[1]}-**-**` : REDACTED;
}

/** Secrets and personal data that appear inside any string. */
export function maskText(text: string): string {
  // The scheme's credential first ("Bearer [REDACTED]"), then ours anywhere else ("sk_sandbox_[REDACTED]").
  const credentialsMasked = maskCredentials(
    text.replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`),
    REDACTED,
  );
  return credentialsMasked.replace(JWT, REDACTED).replace(EMAIL, maskEmail).replace(IBAN, maskIban);
}

function maskField(name: string, value: unknown): unknown {
  const normalised = normaliseName(name);
  if (SECRET_NAME.test(normalised) && value !== null && typeof value !== "object") return REDACTED;
  if (typeof value === "string") {
    const rule = PERSONAL_FIELDS.find(([pattern]) => pattern.test(normalised))?.[1];
    // A credential is masked whole even under a personal field's name (whose rule keeps some characters).
    return rule ? rule(maskCredentials(value, REDACTED)) : maskText(value);
  }
  return maskJson(value, name);
}

/** A JSON value with secret fields redacted and personal fields partially masked, recursively. */
export function maskJson(value: unknown, parentName = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => maskJson(item, parentName));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(value)) {
      // An object under a secret name ("credentials": {...}) is redacted whole.
      // A credential used as a key ({"sk_sandbox_…": …}) is masked like one in a value.
      out[maskCredentials(name, REDACTED)] = SECRET_NAME.test(normaliseName(name)) && child !== null ? REDACTED : maskField(name, child);
    }
    return out;
  }
  if (typeof value === "string") return maskText(value);
  return value;
}

/** Header map (lowercase names) with credential headers redacted and the rest text-masked. */
export function maskHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of headers) {
    const name = rawName.toLowerCase();
    if (name === "authorization" || name === "proxy-authorization") {
      const scheme = /^(\S+)\s/.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else if (isSecretName(name)) {
      out[name] = REDACTED;
    } else if (IP_HEADERS.has(name)) {
      out[name] = maskIp(value);
    } else if (PERSONAL_HEADERS[name]) {
      out[name] = PERSONAL_HEADERS[name](value);
    } else {
      out[name] = maskText(value);
    }
  }
  return out;
}

/** A path with its query: each query value is masked by its parameter name. */
export function maskPath(pathWithQuery: string): string {
  const index = pathWithQuery.indexOf("?");
  if (index < 0) return maskText(pathWithQuery);
  const params = new URLSearchParams(pathWithQuery.slice(index + 1));
  const masked = new URLSearchParams();
  for (const [name, value] of params) masked.append(name, String(maskField(name, value)));
  const query = masked.toString();
  return maskText(pathWithQuery.slice(0, index)) + (query ? `?${query}` : "");
}

function truncate(text: string): string {
  if (text.length <= MAX_STORED_BODY_CHARS) return text;
  return `${text.slice(0, MAX_STORED_BODY_CHARS)}\n…[truncated: ${text.length - MAX_STORED_BODY_CHARS} more characters]`;
}

/**
 * A body as it may be stored: JSON masked by field, forms by parameter, text by pattern,
 * binary described but not kept. `null` for no body.
 */
export function maskBody(body: ArrayBuffer | Uint8Array | string | null | undefined, contentType: string | null): string | null {
  if (body === null || body === undefined) return null;
  const size = typeof body === "string" ? body.length : body.byteLength;
  if (size === 0) return null;
  if (size > MAX_PARSED_BODY_BYTES) return `[body of ${size} bytes not stored]`;
  const type = (contentType ?? "").toLowerCase();
  const text = typeof body === "string" ? body : new TextDecoder("utf-8", { fatal: false }).decode(body);
  if (/json/.test(type) || (!type && /^\s*[[{]/.test(text))) {
    try {
      return truncate(JSON.stringify(maskJson(JSON.parse(text)), null, 2));
    } catch {
      return truncate(maskText(text));
    }
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const params = new URLSearchParams(text);
    const masked = new URLSearchParams();
    for (const [name, value] of params) masked.append(name, SECRET_FORM_NAME.test(name) ? REDACTED : String(maskField(name, value)));
    return truncate(masked.toString());
  }
  if (!type || type.startsWith("text/") || /xml|javascript|problem/.test(type)) return truncate(maskText(text));
  return `[${size} bytes of ${type.split(";")[0]} not stored]`;
}
