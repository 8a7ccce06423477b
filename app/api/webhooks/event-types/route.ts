import { AppError } from "@openbank/contracts/errors";
import { withUser } from "@/lib/http/with-user";
import { listEventTypes } from "@/lib/webhooks/list-event-types";

/** The event types endpoints can subscribe to, from the bank's catalogue. */
export const GET = withUser(async () => {
  try {
    return Response.json({ data: await listEventTypes(), next_cursor: null });
  } catch {
    throw new AppError("bank_unavailable", "The sandbox bank could not list its event types right now. Try again in a moment.");
  }
});
