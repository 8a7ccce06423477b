/**
 * How an endpoint appears in the audit log: its origin and path, never its query string
 * (receivers sometimes put a token there).
 */
export function endpointTarget(id: string, url: string): { type: "webhook_endpoint"; id: string; name: string } {
  const parsed = new URL(url);
  return { type: "webhook_endpoint", id, name: parsed.origin + parsed.pathname };
}
