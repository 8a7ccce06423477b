import type { Role } from "@prisma/client";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { KeyScope, KeyStatus } from "@/lib/keys/key-lifecycle";

export function AppStatusBadge({ status }: { status: "active" | "suspended" }) {
  return (
    <Badge tone={status === "active" ? "success" : "warning"} dot>
      {status}
    </Badge>
  );
}

const keyTones: Record<KeyStatus, BadgeTone> = { active: "success", expiring: "warning", expired: "neutral", revoked: "neutral" };

export function KeyStatusBadge({ status }: { status: KeyStatus }) {
  return (
    <Badge tone={keyTones[status]} dot>
      {status}
    </Badge>
  );
}

export function KeyScopeBadge({ scope }: { scope: KeyScope }) {
  return <Badge tone={scope === "read_only" ? "info" : "neutral"}>{scope === "read_only" ? "read-only" : "read-write"}</Badge>;
}

const roleTones: Record<Role, BadgeTone> = { owner: "brand", admin: "info", developer: "neutral", viewer: "neutral" };

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={roleTones[role]}>{role}</Badge>;
}

const methodTones: Record<string, BadgeTone> = { GET: "info", POST: "brand", PUT: "warning", PATCH: "warning", DELETE: "danger" };

export function MethodBadge({ method }: { method: string }) {
  return (
    <Badge tone={methodTones[method] ?? "neutral"} className="font-mono">
      {method}
    </Badge>
  );
}

/** 2xx success, 3xx info, 4xx warning (the caller's mistake), 5xx danger (ours). */
export function HttpStatusBadge({ status }: { status: number }) {
  const tone: BadgeTone = status >= 500 ? "danger" : status >= 400 ? "warning" : status >= 300 ? "info" : "success";
  return (
    <Badge tone={tone} className="font-mono tabular-nums">
      {status}
    </Badge>
  );
}
