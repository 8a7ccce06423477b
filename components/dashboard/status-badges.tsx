import { Badge, type BadgeTone } from "@/components/ui/badge";

export function AppStatusBadge({ status }: { status: "active" | "suspended" }) {
  return (
    <Badge tone={status === "active" ? "success" : "warning"} dot>
      {status}
    </Badge>
  );
}

export function KeyStatusBadge({ status }: { status: "active" | "revoked" }) {
  return (
    <Badge tone={status === "active" ? "success" : "neutral"} dot>
      {status}
    </Badge>
  );
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
