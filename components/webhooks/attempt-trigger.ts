import type { DeliveryDetailDto } from "@/lib/webhooks/delivery-dto";

type AttemptTrigger = DeliveryDetailDto["attempts"][number]["trigger"];

/** What sent an attempt, as the delivery log and the timeline say it (nothing for the dispatcher's own schedule). */
export const ATTEMPT_TRIGGER_LABEL: Record<AttemptTrigger, string | null> = {
  scheduled: null,
  manual: "resent by hand",
  listen: "forwarded by openbank listen",
  readiness: "sent by a readiness run",
};
