import type { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { newId } from "@openbank/contracts/ids";
import { checkEndpointUrl } from "./check-endpoint-url";
import { checkEventTypes } from "./check-event-types";
import { endpointDtoSelect, toEndpointDto, type EndpointDto } from "./endpoint-dto";
import type { createEndpointInput } from "./endpoint-input";
import { sealSecret } from "./secret-box";
import { generateSigningSecret } from "./signing-secret";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { endpointTarget } from "./endpoint-target";

/** Registers an endpoint. Its `whsec_…` secret is returned exactly once, here; it is stored encrypted. */
export async function createEndpoint(options: {
  appId: string;
  input: z.output<typeof createEndpointInput>;
  audit: AuditContext;
}): Promise<{ endpoint: EndpointDto; secret: string }> {
  const { input } = options;
  checkEndpointUrl(input.url);
  await checkEventTypes(input.event_types);
  const secret = generateSigningSecret();
  const row = await db().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        id: newId("webhookEndpoint"),
        appId: options.appId,
        url: input.url,
        description: input.description,
        eventTypes: input.event_types,
        enabled: input.enabled,
        secretCiphertext: sealSecret(secret, env().API_KEY_PEPPER),
      },
      select: endpointDtoSelect,
    });
    await recordAudit(tx, {
      ...options.audit,
      action: "webhook.endpoint_created",
      target: endpointTarget(created.id, input.url),
      metadata: { event_types: input.event_types.join(" ") || "all", enabled: input.enabled },
    });
    return created;
  });
  return { endpoint: toEndpointDto(row), secret };
}
