import type { z } from "zod";
import { callBank } from "@/lib/bank/call-bank";
import type { firedEventDto, fireEventInput } from "./sandbox-dto";

type FiredEvent = z.output<typeof firedEventDto>;

/**
 * Fires a webhook event in the app's sandbox (the bank's `POST /v1/sandbox/webhooks/fire`): the
 * bank applies the overrides or refuses them all (422 `event_override_invalid`, pointers kept),
 * and the event then travels the outbox to the app's endpoints like a real one.
 */
export async function fireSandboxEvent(options: { appId: string; input: z.output<typeof fireEventInput> }): Promise<FiredEvent> {
  const result = await callBank<FiredEvent>({
    appId: options.appId,
    method: "POST",
    path: "/v1/sandbox/webhooks/fire",
    body: options.input,
  });
  return { id: result.id, type: result.type, created_at: result.created_at, object: result.object, replayed_from: result.replayed_from };
}
