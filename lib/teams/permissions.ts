import type { Role } from "@prisma/client";

/**
 * What each team role may do. The server checks every mutation against this one table;
 * the UI reads it only to hide buttons a person cannot use.
 */
const allowed = {
  "app:read": ["owner", "admin", "developer", "viewer"],
  "app:create": ["owner", "admin", "developer"],
  "app:update": ["owner", "admin", "developer"],
  "key:create": ["owner", "admin", "developer"],
  "key:revoke": ["owner", "admin", "developer"],
  /** Calling the sandbox as the app from the interactive docs. */
  "key:use": ["owner", "admin", "developer"],
  "logs:read": ["owner", "admin", "developer", "viewer"],
  /** Webhook endpoints: create, change, rotate secrets, send test events, resend deliveries. */
  "webhook:manage": ["owner", "admin", "developer"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof allowed;

export function can(role: Role, action: Action): boolean {
  return (allowed[action] as readonly Role[]).includes(role);
}
