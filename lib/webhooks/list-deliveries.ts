import { z } from "zod";
import { db } from "../db";
import { deliveryDtoSelect, toDeliveryDto, type DeliveryDto } from "./delivery-dto";
import { DELIVERY_STATUSES, type DeliveryStatus } from "./endpoint-input";
import { getEndpointOrThrow } from "./get-endpoint-or-throw";

export const MAX_DELIVERIES_PAGE = 100;

const limitMessage = `must be an integer from 1 to ${MAX_DELIVERIES_PAGE}`;

/** The delivery log's query string, `?status=&limit=&cursor=`; bad values are 400s pointing at the parameter. */
export const deliveryQuery = z.object({
  status: z
    .enum(DELIVERY_STATUSES, { error: "must be pending, succeeded or failed" })
    .optional()
    .describe("Only deliveries in this state."),
  limit: z.coerce
    .number({ error: limitMessage })
    .int({ error: limitMessage, abort: true })
    .min(1, { error: limitMessage, abort: true })
    .max(MAX_DELIVERIES_PAGE, { error: limitMessage, abort: true })
    .default(50)
    .describe(`Deliveries per page, 1 to ${MAX_DELIVERIES_PAGE} (50 by default).`),
  cursor: z
    .string()
    .max(44, { error: "must be a next_cursor from a previous page", abort: true })
    .regex(/^dlv_[A-Za-z0-9]{1,40}$/, { error: "must be a next_cursor from a previous page", abort: true })
    .optional()
    .describe("The `next_cursor` of the previous page."),
});

export type DeliveryQuery = z.output<typeof deliveryQuery>;

/** An endpoint's deliveries, newest first, optionally of one status; cursor-paginated. */
export async function listDeliveries(options: {
  appId: string;
  endpointId: string;
  status?: DeliveryStatus;
  limit: number;
  cursor?: string;
}): Promise<{ data: DeliveryDto[]; next_cursor: string | null }> {
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
