/**
 * The JSON every delivery of an event sends, byte for byte on every retry (the signature covers
 * it): Standard Webhooks' `type`, `timestamp` and `data`, plus the event `id` (= webhook-id).
 */
export function eventBody(event: { id: string; type: string; createdAt: Date; object: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, timestamp: event.createdAt.toISOString(), data: { object: event.object } });
}
