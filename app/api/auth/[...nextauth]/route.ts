import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { refuseUnparseableCallbackUrl } from "@/lib/auth/next-auth-request";
import { withErrors } from "@/lib/http/route-handler";

type Context = { params: Promise<{ nextauth: string[] }> };

// withErrors: next-auth answers a malformed JSON body with a bare 500; this makes it a 400 problem.
// So does a callbackUrl next-auth cannot parse: refused (parameter) or deleted (cookie) first.
const handler = withErrors(async (request: NextRequest, context: Context) => {
  await refuseUnparseableCallbackUrl(request);
  return (NextAuth as unknown as (request: NextRequest, context: Context, options: ReturnType<typeof authOptions>) => Promise<Response>)(
    request,
    context,
    authOptions(),
  );
});

export { handler as GET, handler as POST };
