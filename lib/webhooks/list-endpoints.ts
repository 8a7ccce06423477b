import { db } from "../db";
import { endpointDtoSelect, toEndpointDto, type EndpointDto } from "./endpoint-dto";

export async function listEndpoints(options: { appId: string }): Promise<EndpointDto[]> {
  const rows = await db().webhookEndpoint.findMany({
    where: { appId: options.appId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: endpointDtoSelect,
  });
  const now = new Date();
  return rows.map((row) => toEndpointDto(row, now));
}
