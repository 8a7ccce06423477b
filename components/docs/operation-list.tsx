import { operationFragment, type ApiOperation } from "@/lib/docs/api-areas";
import { cn } from "@/lib/cn";

const METHOD_TONE: Record<string, string> = {
  get: "border-info-border bg-info-soft text-info",
  post: "border-success-border bg-success-soft text-success",
  delete: "border-danger-border bg-danger-soft text-danger",
  put: "border-warning-border bg-warning-soft text-warning",
  patch: "border-warning-border bg-warning-soft text-warning",
};

/** The HTTP method as a small fixed-width label. */
export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={cn(
        "inline-flex w-16 shrink-0 justify-center rounded-md border px-1.5 py-0.5 font-mono text-xs font-semibold uppercase",
        METHOD_TONE[method] ?? "border-border-strong bg-surface-muted text-fg-muted",
      )}
    >
      {method}
    </span>
  );
}

/**
 * A light, server-rendered index of an area's operations: readable before (and without) Swagger
 * UI, each linking to the operation's deep link, which the interactive reference below opens.
 */
export function OperationList({ operations }: { operations: ApiOperation[] }) {
  return (
    <ul className="divide-y divide-border rounded-card border border-border bg-surface shadow-card" data-testid="operation-list">
      {operations.map((operation) => (
        <li key={operation.operationId}>
          <a
            href={operationFragment(operation.tag, operation.operationId)}
            className="flex flex-col gap-1 px-4 py-2.5 hover:bg-surface-muted sm:flex-row sm:items-center sm:gap-3"
          >
            <span className="flex min-w-0 items-center gap-3">
              <MethodBadge method={operation.method} />
              <code className="min-w-0 font-mono text-sm break-all text-fg">{operation.path}</code>
            </span>
            <span className={cn("text-sm text-fg-muted sm:ml-auto sm:text-right", operation.deprecated && "line-through")}>
              {operation.summary}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
