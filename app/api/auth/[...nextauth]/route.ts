import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { withParseableCallbackUrl } from "@/lib/auth/next-auth-request";
import { withErrors } from "@/lib/http/route-handler";

type Context = { params: Promise<{ nextauth: string[] }> };

// withErrors: next-auth answers a malformed JSON body with a bare 500; this makes it a 400 problem.
// withParseableCallbackUrl: so does a callbackUrl it cannot parse; refused (parameter) or dropped (cookie) first.
const handler = withErrors((request: NextRequest, context: Context) =>
  (NextAuth as unknown as (request: NextRequest, context: Context, options: ReturnType<typeof authOptions>) => Promise<Response>)(
    withParseableCallbackUrl(request),
    context,
    authOptions(),
  ),
);

export { handler as GET, handler as POST };
