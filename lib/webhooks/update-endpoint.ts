import type { z } from "zod";
import { db } from "../db";
import { checkEndpointUrl } from "./check-endpoint-url";
import { checkEventTypes } from "./check-event-types";
import { endpointDtoSelect, toEndpointDto, type EndpointDto } from "./endpoint-dto";
import type { updateEndpointInput } from "./endpoint-input";
import { getEndpointOrThrow } from "./get-endpoint-or-throw";

/**
 * Changes URL, description, filter or enabled. Re-enabling (or a new URL) clears the failing
 * mark: the next attempts decide afresh. Pending deliveries wait while an endpoint is disabled.
 */
export async function updateEndpoint(options: { appId: string; endpointId: string; input: z.output<typeof updateEndpointInput> }): Promise<EndpointDto> {
  const { input } = options;
  const current = await getEndpointOrThrow(options);
  if (input.url !== undefined) checkEndpointUrl(input.url);
  if (input.event_types !== undefined) await checkEventTypes(input.event_types);
  const freshStart = (input.url !== undefined && input.url !== current.url) || (input.enabled === true && !current.enabled);
  const row = await db.webhookEndpoint.update({
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
  return toEndpointDto(row);
}
