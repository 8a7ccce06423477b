import type { Role } from "@prisma/client";

/**
 * What each team role may do: the single source of truth. The server checks every action
 * against this table (lib/teams/require-team-access.ts, lib/apps/require-app-access.ts);
 * the UI reads it only to hide buttons a person cannot use.
 */
const allowed = {
  "app:read": ["owner", "admin", "developer", "viewer"],
  "app:create": ["owner", "admin", "developer"],
  "app:update": ["owner", "admin", "developer"],
  /** Deleting an app ends its keys, OAuth client and webhooks for the whole team: managers only. */
  "app:delete": ["owner", "admin"],
  "key:create": ["owner", "admin", "developer"],
  "key:roll": ["owner", "admin", "developer"],
  "key:revoke": ["owner", "admin", "developer"],
  /** Calling the sandbox as the app from the interactive docs. */
  "key:use": ["owner", "admin", "developer"],
  "logs:read": ["owner", "admin", "developer", "viewer"],
  /** Webhook endpoints: create, change, rotate secrets, send test events, resend deliveries. */
  "webhook:manage": ["owner", "admin", "developer"],
  "team:read": ["owner", "admin", "developer", "viewer"],
  "team:update": ["owner", "admin"],
  "member:invite": ["owner", "admin"],
  "member:remove": ["owner", "admin"],
  "member:change_role": ["owner", "admin"],
  "invite:revoke": ["owner", "admin"],
  "invite:resend": ["owner", "admin"],
  /** Leaving is open to all but the owner, who must transfer ownership first. */
  "team:leave": ["admin", "developer", "viewer"],
  "team:transfer": ["owner"],
  /** Security policies: two-factor for every member, single sign-on for the team's email domain. */
  "team:set_policies": ["owner"],
  "audit:read": ["owner", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof allowed;

export const ACTIONS = Object.keys(allowed) as Action[];

export const ROLES: readonly Role[] = ["owner", "admin", "developer", "viewer"];

/** Roles someone can be invited with or changed to: ownership only moves by transfer. */
export const ASSIGNABLE_ROLES: readonly Role[] = ["admin", "developer", "viewer"];

export function can(role: Role, action: Action): boolean {
  return (allowed[action] as readonly Role[]).includes(role);
}

const rank: Record<Role, number> = { owner: 3, admin: 2, developer: 1, viewer: 0 };

/**
 * Whether `actor` may act on a member who holds `target` (remove them, change their role),
 * optionally giving them `next`. Nobody acts on the owner (ownership moves only by transfer),
 * nobody grants a role above their own, and admins manage admins and below.
 */
export function canManageMember(actor: Role, target: Role, next?: Role): boolean {
  if (target === "owner" || next === "owner") return false;
  if (rank[actor] < rank[target]) return false;
  if (next !== undefined && rank[actor] < rank[next]) return false;
  return can(actor, next === undefined ? "member:remove" : "member:change_role");
}

/** Whether `actor` may invite someone as `role`: never as owner, never above their own role. */
export function canInviteAs(actor: Role, role: Role): boolean {
  return can(actor, "member:invite") && role !== "owner" && rank[actor] >= rank[role];
}

/** What a role means, for the invite dialog and the members table. */
export const roleDescriptions: Record<Role, string> = {
  owner: "Everything, including transferring ownership. Exactly one per team.",
  admin: "Manage members, invites and apps; read the audit log.",
  developer: "Create apps, create, roll and revoke keys, call the sandbox.",
  viewer: "Read apps, keys and request logs. Cannot change anything.",
};
