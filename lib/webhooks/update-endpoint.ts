import type { z } from "zod";
import { db } from "../db";
import { checkEndpointUrl } from "./check-endpoint-url";
import { checkEventTypes } from "./check-event-types";
import { endpointDtoSelect, toEndpointDto, type EndpointDto } from "./endpoint-dto";
import type { updateEndpointInput } from "./endpoint-input";
import { getEndpointOrThrow } from "./get-endpoint-or-throw";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { endpointTarget } from "./endpoint-target";

/**
 * Changes URL, description, filter or enabled. Re-enabling (or a new URL) clears the failing
 * mark: the next attempts decide afresh. Pending deliveries wait while an endpoint is disabled.
 */
export async function updateEndpoint(options: {
  appId: string;
  endpointId: string;
  input: z.output<typeof updateEndpointInput>;
  audit: AuditContext;
}): Promise<EndpointDto> {
  const { input } = options;
  const current = await getEndpointOrThrow(options);
  if (input.url !== undefined) checkEndpointUrl(input.url);
  if (input.event_types !== undefined) await checkEventTypes(input.event_types);
  const freshStart = (input.url !== undefined && input.url !== current.url) || (input.enabled === true && !current.enabled);
  const row = await db().$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: {
        url: input.url,
        description: input.description,
        eventTypes: input.event_types,
        enabled: input.enabled,
        ...(freshStart ? { consecutiveFailures: 0, failingSince: null } : {}),
      },
      select: endpointDtoSelect,
    });
    await recordAudit(tx, {
      ...options.audit,
      action: "webhook.endpoint_changed",
      target: endpointTarget(current.id, input.url ?? current.url),
      metadata: {
        changed: Object.keys(input)
          .filter((field) => input[field as keyof typeof input] !== undefined)
          .join(" "),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      },
    });
    return updated;
  });
  return toEndpointDto(row);
}
