import { clientIp } from "@/lib/auth/client-ip";
import { handle } from "@/lib/portal-api/handle-operation";
import { signUpFromInviteOperation } from "@/lib/teams/invite-operations";
import { signUpFromInvite } from "@/lib/teams/sign-up-from-invite";

export const POST = handle(signUpFromInviteOperation, ({ request, body }) => signUpFromInvite({ ...body, ip: clientIp(request.headers) }));
