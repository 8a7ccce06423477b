import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { refuseUnparseableCallbackUrl } from "@/lib/auth/next-auth-request";
import { readBody } from "@/lib/http/read-body";
import { withErrors } from "@/lib/http/route-handler";

type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth's forms (sign-in, sign-out, a provider's callback) are a few fields; it would read any body whole. */
const AUTH_FORM_MAX_BYTES = 16 * 1024;

// withErrors: next-auth answers a malformed JSON body with a bare 500; this makes it a 400 problem.
// So does a callbackUrl next-auth cannot parse: refused (parameter) or deleted (cookie) first.
const handler = withErrors(async (request: NextRequest, context: Context) => {
  await refuseUnparseableCallbackUrl(request);
  // next-auth reads the body itself, unbounded: it gets a copy read by the bounded reader (413 past the limit).
  const bounded =
    request.method === "POST"
      ? new NextRequest(request.url, {
          method: "POST",
          headers: request.headers,
          body: new Uint8Array(await readBody(request, { maxBytes: AUTH_FORM_MAX_BYTES })),
        })
      : request;
  return (NextAuth as unknown as (request: NextRequest, context: Context, options: ReturnType<typeof authOptions>) => Promise<Response>)(
    bounded,
    context,
    authOptions(),
  );
});

export { handler as GET, handler as POST };
