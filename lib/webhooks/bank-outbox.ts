import { z } from "zod";
import { text } from "../portal-api/schemas";

/**
 * The portal's side of the outbox hand-over: the bank's internal /internal/events/* routes,
 * over HTTP with the internal secret (the portal never reads bank tables).
 */
export type OutboxEvent = { id: string; tenant_id: string; type: string; created_at: string; object: unknown };
/** An event type the bank emits, as its catalogue describes it. */
export const eventTypeInfo = z.object({ type: text(100), description: text(500) });

export type EventTypeInfo = z.output<typeof eventTypeInfo>;

export type BankOutbox = {
  claim(options: { limit: number; leaseSeconds: number }): Promise<OutboxEvent[]>;
  acknowledge(ids: string[]): Promise<void>;
  eventTypes(): Promise<EventTypeInfo[]>;
};

export function createBankOutbox(options: { baseUrl: string; internalSecret: string; timeoutMs?: number }): BankOutbox {
  async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, options.baseUrl), {
      method,
      headers: { "x-internal-secret": options.internalSecret, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`bank ${method} ${path} answered ${response.status}`);
    return (await response.json()) as T;
  }
  return {
    claim: async ({ limit, leaseSeconds }) =>
      (await call<{ data: OutboxEvent[] }>("POST", "/internal/events/claim", { limit, lease_seconds: leaseSeconds })).data,
    acknowledge: async (ids) => {
      if (ids.length) await call("POST", "/internal/events/ack", { ids });
    },
    eventTypes: async () => (await call<{ data: EventTypeInfo[] }>("GET", "/internal/events/types")).data,
  };
}
