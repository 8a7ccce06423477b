import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { endpointDtoSelect, toEndpointDto, type EndpointDto } from "./endpoint-dto";

/** The app's endpoint; another app's endpoint is as missing as an unknown id. */
export async function getEndpointOrThrow(options: { appId: string; endpointId: string }): Promise<EndpointDto> {
  const row = await db().webhookEndpoint.findFirst({ where: { id: options.endpointId, appId: options.appId }, select: endpointDtoSelect });
  if (!row) throw new AppError("resource_not_found", `No webhook endpoint ${options.endpointId}.`);
  return toEndpointDto(row);
}
