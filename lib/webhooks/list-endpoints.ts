import { db } from "../db";
import { endpointDtoSelect, toEndpointDto, type EndpointDto } from "./endpoint-dto";

/** The app's URL endpoints. Listen sessions (kind `cli`) are not among them: see listListenSessions. */
export async function listEndpoints(options: { appId: string }): Promise<EndpointDto[]> {
  const rows = await db().webhookEndpoint.findMany({
    where: { appId: options.appId, kind: "url" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: endpointDtoSelect,
  });
  const now = new Date();
  return rows.map((row) => toEndpointDto(row, now));
}
