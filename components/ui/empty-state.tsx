import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** What an empty list says: what would be here, and the one thing to do next. */
export function EmptyState({
  icon,
  title,
  children,
  action,
  className,
}: {
  icon?: ReactNode;
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn(
        "flex flex-col items-center rounded-card border border-dashed border-border-strong bg-surface px-6 py-12 text-center",
        className,
      )}
    >
      {icon && (
        <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-primary-soft text-primary-soft-fg">{icon}</div>
      )}
      <h3 className="text-base font-semibold text-fg">{title}</h3>
      {children && <div className="mt-1.5 max-w-md text-sm text-fg-muted">{children}</div>}
      {action && <div className="mt-6">{action}</div>}
    </div>
  );
}
