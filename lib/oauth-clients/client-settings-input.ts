import { isIP } from "node:net";
import { importJWK, type KeyLike } from "jose";
import { z } from "zod";
import { env } from "../env";
import { checkAddress } from "@openbank/contracts/address-policy";
import { CLIENT_AUTH_METHODS, CLIENT_PROFILES } from "./client-profile";

export const MAX_JWKS_KEYS = 10;
export const MAX_JWKS_BYTES = 8 * 1024;
const MIN_RSA_BITS = 2048;

/** Members that only a private (or symmetric) key has: a JWKS we publish to a bank must have none. */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/** The key types the bank accepts for private_key_jwt (FAPI 2.0 allows PS256, ES256 and EdDSA), and the alg each is tried with. */
const KEY_TYPES: Record<string, { crv?: string; algs: readonly string[] }> = {
  RSA: { algs: ["PS256", "PS384", "PS512", "RS256", "RS384", "RS512"] },
  EC: { crv: "P-256", algs: ["ES256"] },
  OKP: { crv: "Ed25519", algs: ["EdDSA"] },
};

const member = (max: number) => z.string().max(max).optional();

/** One JWK as sent: loose (x5c, key_ops… are allowed), the members we check bounded. */
const jwkInput = z.looseObject({
  kty: z.string({ error: "Every key needs a kty: RSA, EC or OKP" }).max(10),
  kid: z
    .string({ error: "Every key needs a kid (key id), unique in the set" })
    .trim()
    .min(1, "Every key needs a kid (key id), unique in the set")
    .max(200),
  use: member(10),
  alg: member(20),
  crv: member(20),
  n: member(4096),
  e: member(20),
  x: member(200),
  y: member(200),
});

type JwkInput = z.output<typeof jwkInput>;

/** Why this key cannot be registered, as [member, detail] pairs (empty when it looks right before parsing). */
function shapeProblems(key: JwkInput): [string | null, string][] {
  const problems: [string | null, string][] = [];
  for (const name of PRIVATE_MEMBERS) {
    if (name in key)
      problems.push([name, `"${name}" is a private key member: paste only the public key (the bank must never hold your private key)`]);
  }
  const type = KEY_TYPES[key.kty];
  if (!type) {
    problems.push(["kty", "Use an RSA (2048 bits or more), EC P-256 or OKP Ed25519 key"]);
    return problems;
  }
  if (type.crv && key.crv !== type.crv) problems.push(["crv", `${key.kty} keys must be on ${type.crv}`]);
  if (key.use !== undefined && key.use !== "sig") problems.push(["use", 'Must be "sig": these keys sign client assertions']);
  if (key.alg !== undefined && !type.algs.includes(key.alg)) problems.push(["alg", `A ${key.kty} key signs with ${type.algs.join(", ")}`]);
  return problems;
}

/** Imports the public key with jose; null when it is usable, else why not. */
async function importProblem(key: JwkInput): Promise<string | null> {
  const alg = key.alg ?? KEY_TYPES[key.kty].algs[0];
  let imported: KeyLike | Uint8Array;
  try {
    imported = await importJWK(key as Parameters<typeof importJWK>[0], alg);
  } catch (error) {
    return `Not a valid ${key.kty} public key: ${(error as Error).message}`;
  }
  const details = (imported as { asymmetricKeyDetails?: { modulusLength?: number } }).asymmetricKeyDetails;
  if (key.kty === "RSA" && (details?.modulusLength ?? 0) < MIN_RSA_BITS) {
    return `RSA keys must have at least ${MIN_RSA_BITS} bits (this one has ${details?.modulusLength ?? "fewer"})`;
  }
  return null;
}

/**
 * The app's public keys as a JWKS (RFC 7517): 1 to 10 signing keys, each with a unique kid, public
 * members only, RSA of 2048 bits or more, EC P-256 or Ed25519, parsed by jose. At most 8 KiB.
 * Asynchronous (jose imports keys asynchronously): parse with safeParseAsync, as readJson does.
 */
export const clientJwksInput = z
  .object({
    keys: z.array(jwkInput).min(1, "Add at least one key").max(MAX_JWKS_KEYS, `At most ${MAX_JWKS_KEYS} keys`),
  })
  .superRefine(async (jwks, ctx) => {
    if (Buffer.byteLength(JSON.stringify(jwks)) > MAX_JWKS_BYTES) {
      ctx.addIssue({ code: "custom", path: [], message: `A JWKS is at most ${MAX_JWKS_BYTES / 1024} KiB` });
      return;
    }
    const seen = new Set<string>();
    for (const [index, key] of jwks.keys.entries()) {
      if (seen.has(key.kid)) ctx.addIssue({ code: "custom", path: ["keys", index, "kid"], message: `kid "${key.kid}" is used twice` });
      seen.add(key.kid);
      const problems = shapeProblems(key);
      for (const [name, message] of problems)
        ctx.addIssue({ code: "custom", path: name ? ["keys", index, name] : ["keys", index], message });
      if (problems.length) continue;
      const problem = await importProblem(key);
      if (problem) ctx.addIssue({ code: "custom", path: ["keys", index], message: problem });
    }
  })
  .describe(
    "The app's public signing keys (RFC 7517 JWK Set). Public members only: a key with `d`, `p`, `q`, `dp`, `dq`, `qi` or `k` is refused.",
  );

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Why the bank must not fetch keys from this URL, or null. Same address rules as webhook targets
 * (@openbank/contracts/address-policy); loopback only outside production.
 */
export function jwksUriProblem(value: string, options: { production: boolean }): string | null {
  if (!URL.canParse(value)) return "Must be an absolute URL, e.g. https://yourapp.example/.well-known/jwks.json";
  const url = new URL(value);
  if (url.username || url.password) return "Must not contain credentials";
  if (url.hash) return "Must not contain a #fragment";
  const development = !options.production;
  const loopback = LOOPBACK_HOSTS.includes(url.hostname) || url.hostname.endsWith(".localhost");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback && development)) {
    return development ? "Must use https (http is allowed only for localhost)" : "Must use https";
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const verdict = checkAddress(host, { allowLoopback: development });
    if (!verdict.allowed) return `The bank cannot fetch keys from here: ${verdict.reason}`;
  } else if (loopback && !development) {
    return "The bank cannot fetch keys from here: localhost is a loopback address";
  }
  return null;
}

/** Where the bank fetches the app's JWKS: https, not a private, link-local or metadata address. */
export const jwksUriInput = z
  .string()
  .trim()
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = jwksUriProblem(value, { production: env().NODE_ENV === "production" });
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .describe("https URL of the app's JWKS, fetched by the bank (http only for localhost outside production).");

/**
 * The app's OAuth settings, replaced as a whole. FAPI 2.0 requires private_key_jwt; private_key_jwt
 * requires keys, pasted (`jwks`) or fetched (`jwks_uri`), never both.
 */
export const oauthClientSettingsInput = z
  .strictObject({
    profile: z
      .enum(CLIENT_PROFILES)
      .describe("`basic`: authorization code + PKCE. `fapi2`: FAPI 2.0 Security Profile (PAR, private_key_jwt, DPoP)."),
    token_endpoint_auth_method: z
      .enum(CLIENT_AUTH_METHODS)
      .describe(
        "`client_secret_basic` (the client secret, Basic or in the body) or `private_key_jwt` (RFC 7523, signed with one of your keys).",
      ),
    jwks: clientJwksInput.nullable().default(null),
    jwks_uri: jwksUriInput.nullable().default(null),
    message_signing: z
      .boolean()
      .default(false)
      .describe(
        "UK Open Banking message signing: payment requests on `/open-banking/v4.0` must carry `x-jws-signature` (a detached PS256 JWS of the body, with one of your RSA keys). Needs your public keys, with an RSA key if pasted.",
      ),
  })
  .superRefine((settings, ctx) => {
    if (settings.jwks && settings.jwks_uri)
      ctx.addIssue({ code: "custom", path: ["jwks_uri"], message: "Give either a JWKS or a JWKS URI, not both" });
    if (settings.profile === "fapi2" && settings.token_endpoint_auth_method !== "private_key_jwt")
      ctx.addIssue({ code: "custom", path: ["token_endpoint_auth_method"], message: "FAPI 2.0 requires private_key_jwt" });
    const needsKeys = settings.profile === "fapi2" || settings.token_endpoint_auth_method === "private_key_jwt";
    if (needsKeys && !settings.jwks && !settings.jwks_uri) {
      const why = settings.profile === "fapi2" ? "FAPI 2.0" : "private_key_jwt";
      ctx.addIssue({ code: "custom", path: ["jwks"], message: `${why} needs your public keys: paste a JWKS or give a JWKS URI` });
    }
    if (settings.message_signing && !settings.jwks && !settings.jwks_uri) {
      ctx.addIssue({
        code: "custom",
        path: ["message_signing"],
        message: "Message signing needs your public keys: paste a JWKS with an RSA key, or give a JWKS URI",
      });
    } else if (settings.message_signing && settings.jwks && !settings.jwks.keys.some((key) => key.kty === "RSA")) {
      // UK message signatures are PS256 only: an RSA key must be among those pasted.
      ctx.addIssue({
        code: "custom",
        path: ["message_signing"],
        message: "Message signing uses PS256: add an RSA key (2048 bits or more) to your JWKS",
      });
    }
  });

export type OAuthClientSettingsInput = z.output<typeof oauthClientSettingsInput>;
