import { z } from "zod";
import { clientIp } from "@/lib/auth/client-ip";
import { nameSchema } from "@/lib/auth/schemas";
import { readJson } from "@/lib/http/read-json";
import { withErrors } from "@/lib/http/route-handler";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { signUpFromInvite } from "@/lib/teams/sign-up-from-invite";

const input = z.object({ token: z.string().min(20).max(200), name: nameSchema, password: z.string().max(1024) });

/**
 * POST {token, name, password} → 201 {user, team_id}: sign up from an invitation link with
 * the invited email (the password policy is applied by signUp), and join the team.
 */
export const POST = withErrors(async (request: Request) => {
  assertSameOrigin(request);
  const body = await readJson(request, input);
  const result = await signUpFromInvite({ ...body, ip: clientIp(request.headers) });
  return Response.json(result, { status: 201, headers: { "cache-control": "no-store" } });
});
