import { signUpOperation } from "@/lib/auth/auth-operations";
import { signUp } from "@/lib/auth/sign-up";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(signUpOperation, async ({ body }) => ({ user: await signUp(body) }));
