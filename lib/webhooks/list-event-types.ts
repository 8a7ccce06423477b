import { env } from "../env";
import type { EventTypeInfo } from "./bank-outbox";
import { bankOutbox } from "./dispatcher-config";

const TTL_MS = 60_000;
let cached: { at: number; types: EventTypeInfo[] } | null = null;

/** The bank's event type catalogue (cached for a minute): what endpoints can subscribe to. */
export async function listEventTypes(): Promise<EventTypeInfo[]> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.types;
  const types = await bankOutbox(env()).eventTypes();
  cached = { at: Date.now(), types };
  return types;
}
