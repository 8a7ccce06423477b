import { clientIp } from "@/lib/auth/client-ip";
import type { UserDto } from "@/lib/auth/types";

/** Who made a change and from where: what every audit row records about the actor. */
export type AuditActor = { userId: string; email: string; ip: string };

/** The actor of a portal API request: the signed-in user and the client address. */
export function auditActor(user: Pick<UserDto, "id" | "email">, request: Request): AuditActor {
  return { userId: user.id, email: user.email, ip: clientIp(request.headers) };
}
