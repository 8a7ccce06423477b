import { NextResponse, type NextRequest } from "next/server";
import { createNonce, NONCE_HEADER, pagePolicy } from "@/lib/http/content-security-policy";

/**
 * Next.js's proxy (Next 16's name for middleware), before every page and route handler: a fresh
 * nonce and Content-Security-Policy for each page response. Next.js reads the policy from the
 * request to put the nonce on its own scripts, so the policy goes on the request and the response.
 * Not on the portal API: Next.js buffers a request's whole body for a proxy before the route runs,
 * which would undo the bounded body readers (lib/http/read-body.ts); next.config.js gives /api/*
 * the API policy instead. The gateway's paths never reach Next.js
 * (server.ts); the fast path sends the API policy itself.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = pagePolicy({ nonce, dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  // Set, not appended: a client-sent copy of either header never reaches the page.
  headers.set(NONCE_HEADER, nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Not the build's static files (immutable, no document to protect) nor the icon.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
