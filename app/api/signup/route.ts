import { after } from "next/server";
import { signUpOperation } from "@/lib/auth/auth-operations";
import { clientIp } from "@/lib/auth/client-ip";
import { signUp } from "@/lib/auth/sign-up";
import { handle } from "@/lib/portal-api/handle-operation";

/** The same answer for a new and a taken address; the mail goes after it (`after`). */
export const POST = handle(signUpOperation, ({ body, request }) => signUp(body, { ip: clientIp(request.headers), defer: after }));
