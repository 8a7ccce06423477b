import { z } from "zod";
import { resourceId, text } from "@/lib/portal-api/schemas";

/**
 * The WebAuthn JSON the portal sends to the browser (for `navigator.credentials.create/get`, or
 * `startRegistration` / `startAuthentication` of @simplewebauthn/browser), as the spec's
 * `PublicKeyCredential*OptionsJSON` types name the fields.
 */

const credentialDescriptor = z.object({
  id: text(1400).describe("A credential id, base64url."),
  type: z.literal("public-key"),
  transports: z.array(text(20)).max(10).optional(),
});

export const creationOptionsJson = z.object({
  challenge: text(200),
  rp: z.object({ name: text(100), id: text(253).optional() }),
  user: z.object({ id: text(200), name: text(254), displayName: text(100) }),
  pubKeyCredParams: z.array(z.object({ alg: z.number().int().min(-65_536).max(65_535), type: z.literal("public-key") })).max(20),
  timeout: z.number().int().min(0).max(600_000).optional(),
  attestation: z.enum(["none", "indirect", "direct", "enterprise"]).optional(),
  excludeCredentials: z.array(credentialDescriptor).max(100).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
      residentKey: z.enum(["discouraged", "preferred", "required"]).optional(),
      requireResidentKey: z.boolean().optional(),
      userVerification: z.enum(["discouraged", "preferred", "required"]).optional(),
    })
    .optional(),
  extensions: z.object({ credProps: z.boolean().optional() }).optional(),
  hints: z.array(text(20)).max(5).optional(),
});

export const requestOptionsJson = z.object({
  challenge: text(200),
  rpId: text(253).optional(),
  timeout: z.number().int().min(0).max(600_000).optional(),
  allowCredentials: z.array(credentialDescriptor).max(100).optional(),
  userVerification: z.enum(["discouraged", "preferred", "required"]).optional(),
});

/** What the browser answered (`RegistrationResponseJSON` / `AuthenticationResponseJSON`); @simplewebauthn/server checks every field. */
export const credentialResponseJson = z.record(z.string().max(64), z.unknown());

export const challengeIdSchema = resourceId.describe("The `challenge_id` the options came with: each works once, within 5 minutes.");
