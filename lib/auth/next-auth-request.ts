import { NextRequest } from "next/server";
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

/**
 * next-auth checks the callbackUrl parameter and cookie before any callback runs, and answers a
 * value it cannot parse (`http://localhost:3000.evil.example/`: the port is not a number) with a
 * 500 "server configuration" error. Before next-auth sees the request: such a parameter is the
 * caller's mistake (400 problem+json, `AppError`), such a cookie is dropped (next-auth then sets a
 * good one). Returns the request to hand on (the same one when both are fine).
 */
export function withParseableCallbackUrl(request: NextRequest): NextRequest {
  const parameter = new URL(request.url).searchParams.get("callbackUrl");
  if (parameter !== null && !parsesAsCallbackUrl(parameter)) {
    throw new AppError("validation_failed", "callbackUrl: not a path on this site nor a URL", {
      errors: [{ pointer: "/query/callbackUrl", detail: "Send a path on this site, e.g. /dashboard" }],
    });
  }
  const cookies = (request.headers.get("cookie") ?? "").split(";").filter((pair) => pair.trim() !== "");
  const kept = cookies.filter((pair) => {
    const [name, ...value] = pair.trim().split("=");
    if (!CALLBACK_COOKIE.test(name)) return true;
    try {
      return parsesAsCallbackUrl(decodeURIComponent(value.join("=")));
    } catch {
      return false;
    }
  });
  if (kept.length === cookies.length) return request;
  const headers = new Headers(request.headers);
  if (kept.length === 0) headers.delete("cookie");
  else headers.set("cookie", kept.map((pair) => pair.trim()).join("; "));
  // duplex: Node's fetch needs it to send a streamed body on (undici); the DOM types do not know it.
  const init = { method: request.method, headers, body: request.body, duplex: "half" };
  return new NextRequest(request.url, init as ConstructorParameters<typeof NextRequest>[1]);
}
