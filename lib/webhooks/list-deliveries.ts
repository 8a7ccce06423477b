import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { deliveryDtoSelect, toDeliveryDto, type DeliveryDto } from "./delivery-dto";
import { DELIVERY_STATUSES, type DeliveryStatus } from "./endpoint-input";
import { getEndpointOrThrow } from "./get-endpoint-or-throw";

export const MAX_DELIVERIES_PAGE = 100;

/** Parses ?status=&limit=&cursor= ; bad values are 400s pointing at the query parameter. */
export function parseDeliveryQuery(params: URLSearchParams): { status?: DeliveryStatus; limit: number; cursor?: string } {
  const status = params.get("status") ?? undefined;
  if (status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(status)) {
    throw new AppError("validation_failed", "status: must be pending, succeeded or failed", { errors: [{ pointer: "/query/status", detail: "must be pending, succeeded or failed" }] });
  }
  const rawLimit = params.get("limit");
  const limit = rawLimit === null ? 50 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DELIVERIES_PAGE) {
    throw new AppError("validation_failed", `limit: must be an integer from 1 to ${MAX_DELIVERIES_PAGE}`, { errors: [{ pointer: "/query/limit", detail: `must be an integer from 1 to ${MAX_DELIVERIES_PAGE}` }] });
  }
  const cursor = params.get("cursor") ?? undefined;
  if (cursor !== undefined && !/^dlv_[A-Za-z0-9]{1,40}$/.test(cursor)) {
    throw new AppError("validation_failed", "cursor: must be a next_cursor from a previous page", { errors: [{ pointer: "/query/cursor", detail: "must be a next_cursor from a previous page" }] });
  }
  return { status: status as DeliveryStatus | undefined, limit, cursor };
}

/** An endpoint's deliveries, newest first, optionally of one status; cursor-paginated. */
export async function listDeliveries(options: { appId: string; endpointId: string; status?: DeliveryStatus; limit: number; cursor?: string }): Promise<{ data: DeliveryDto[]; next_cursor: string | null }> {
  const endpoint = await getEndpointOrThrow(options);
  const rows = await db().webhookDelivery.findMany({
    where: { endpointId: endpoint.id, ...(options.status ? { status: options.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
    select: deliveryDtoSelect,
  });
  const page = rows.slice(0, options.limit);
  return { data: page.map(toDeliveryDto), next_cursor: rows.length > options.limit ? page[page.length - 1].id : null };
}
