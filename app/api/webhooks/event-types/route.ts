import { AppError } from "@openbank/contracts/errors";
import { handle } from "@/lib/portal-api/handle-operation";
import { listEventTypes } from "@/lib/webhooks/list-event-types";
import { listEventTypesOperation } from "@/lib/webhooks/webhook-operations";

export const GET = handle(listEventTypesOperation, async () => {
  const types = await listEventTypes().catch(() => {
    throw new AppError("bank_unavailable", "The sandbox bank could not list its event types right now. Try again in a moment.");
  });
  return { data: types, next_cursor: null };
});
