type HeaderReader = { get(name: string): string | null };
type HeaderSource = HeaderReader | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === "function") return (headers as HeaderReader).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The client's address as the nearest proxy saw it: the last `X-Forwarded-For` hop (a proxy
 * appends the peer it saw; earlier hops are whatever the client claimed), then `X-Real-IP`.
 * Without a proxy in front, Next.js fills X-Forwarded-For from the socket unless the client
 * already sent one, so treat the result as a throttle key, not an identity.
 */
export function clientIp(headers: HeaderSource): string {
  const forwarded = header(headers, "x-forwarded-for")
    ?.split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return forwarded?.at(-1) ?? header(headers, "x-real-ip")?.trim() ?? "unknown";
}
