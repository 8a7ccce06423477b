import { cookies } from "next/headers";
import { AppError } from "@openbank/contracts/errors";

/** What next-auth's own check accepts as a callbackUrl: a path, or an absolute http(s) URL that parses. */
function parsesAsCallbackUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? "http://portal.invalid" : undefined).protocol);
  } catch {
    return false;
  }
}

const CALLBACK_COOKIE = /^(__Secure-)?next-auth\.callback-url$/;

/** The names of callback-url cookies (in a Cookie header's pairs) next-auth could not parse. */
export function unparseableCallbackCookies(pairs: { name: string; value: string }[]): string[] {
  return pairs.filter(({ name, value }) => CALLBACK_COOKIE.test(name) && !parsesAsCallbackUrl(value)).map(({ name }) => name);
}

/** Throws a 400 problem (validation_failed) for a callbackUrl parameter next-auth could not parse. */
export function checkCallbackParameter(url: URL): void {
  const parameter = url.searchParams.get("callbackUrl");
  if (parameter !== null && !parsesAsCallbackUrl(parameter)) {
    throw new AppError("validation_failed", "callbackUrl: not a path on this site nor a URL", {
      errors: [{ pointer: "/query/callbackUrl", detail: "Send a path on this site, e.g. /dashboard" }],
    });
  }
}

/**
 * next-auth checks the callbackUrl parameter and cookie before any callback runs, and answers a
 * value it cannot parse (`http://localhost:3000.evil.example/`: the port is not a number) with a
 * 500 "server configuration" error. Before next-auth sees the request: such a parameter is the
 * caller's mistake (400 problem+json); such a cookie is deleted (next-auth reads the request's
 * cookies through next/headers, which then no longer has it, and the browser is told to drop it).
 */
export async function refuseUnparseableCallbackUrl(request: Request): Promise<void> {
  checkCallbackParameter(new URL(request.url));
  const jar = await cookies();
  for (const name of unparseableCallbackCookies(jar.getAll())) jar.delete(name);
}
