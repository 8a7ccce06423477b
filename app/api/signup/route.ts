import { signUp } from "@/lib/auth/sign-up";
import { signUpSchema } from "@/lib/auth/schemas";
import { readJson } from "@/lib/http/read-json";
import { withErrors } from "@/lib/http/route-handler";

/**
 * POST /api/signup {name, email, password} → 201 {user: {id, email, name}}.
 * Not behind the same-origin check: it needs no session, and requiring a JSON content type
 * already stops cross-site forms (browsers preflight JSON, and we answer no CORS).
 */
export const POST = withErrors(async (request: Request) => {
  const user = await signUp(await readJson(request, signUpSchema));
  return Response.json({ user }, { status: 201, headers: { "cache-control": "no-store" } });
});
