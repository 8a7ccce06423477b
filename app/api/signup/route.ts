import { signUpOperation } from "@/lib/auth/auth-operations";
import { clientIp } from "@/lib/auth/client-ip";
import { signUp } from "@/lib/auth/sign-up";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(signUpOperation, async ({ body, request }) => ({
  user: await signUp(body, { ip: clientIp(request.headers) }),
}));
