import { db } from "../db";
import { env } from "../env";
import { endpointDtoSelect, toEndpointDto, type EndpointDto } from "./endpoint-dto";
import { getEndpointOrThrow } from "./get-endpoint-or-throw";
import { sealSecret } from "./secret-box";
import { generateSigningSecret } from "./signing-secret";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { endpointTarget } from "./endpoint-target";

/** How long the old secret keeps signing after a rotation, so receivers can switch without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/**
 * A new signing secret, returned once. For the next 24 h every delivery carries two
 * signatures (new and old, space-separated in webhook-signature); then only the new one.
 * Rotating again during the overlap drops the oldest secret at once.
 */
export async function rotateEndpointSecret(options: {
  appId: string;
  endpointId: string;
  now?: Date;
  audit: AuditContext;
}): Promise<{ endpoint: EndpointDto; secret: string }> {
  const endpoint = await getEndpointOrThrow(options);
  const now = options.now ?? new Date();
  const secret = generateSigningSecret();
  const current = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id }, select: { secretCiphertext: true } });
  const previousSecretExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
  const row = await db().$transaction(async (tx) => {
    const rotated = await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        secretCiphertext: sealSecret(secret, env().API_KEY_PEPPER),
        previousSecretCiphertext: current.secretCiphertext,
        previousSecretExpiresAt,
      },
      select: endpointDtoSelect,
    });
    await recordAudit(tx, {
      ...options.audit,
      action: "webhook.secret_rotated",
      target: endpointTarget(endpoint.id, endpoint.url),
      metadata: { previous_secret_signs_until: previousSecretExpiresAt.toISOString() },
    });
    return rotated;
  });
  return { endpoint: toEndpointDto(row, now), secret };
}
