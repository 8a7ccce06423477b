import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/cn";
import { IconAlertCircle, IconAlertTriangle, IconCheckCircle, IconInfo } from "./icons";

export type AlertTone = "info" | "success" | "warning" | "error";

const tones: Record<AlertTone, { box: string; icon: ReactNode }> = {
  info: { box: "border-info-border bg-info-soft text-info", icon: <IconInfo size={18} /> },
  success: { box: "border-success-border bg-success-soft text-success", icon: <IconCheckCircle size={18} /> },
  warning: { box: "border-warning-border bg-warning-soft text-warning", icon: <IconAlertTriangle size={18} /> },
  error: { box: "border-danger-border bg-danger-soft text-danger", icon: <IconAlertCircle size={18} /> },
};

/**
 * A message box. Errors are announced at once (role="alert"); the other tones politely
 * (role="status"). Pass `role` to override, e.g. "note" for text that is there on load.
 */
export function Alert({
  tone = "info",
  title,
  action,
  className,
  children,
  role,
  ...props
}: Omit<ComponentProps<"div">, "title"> & { tone?: AlertTone; title?: ReactNode; action?: ReactNode }) {
  return (
    <div
      role={role ?? (tone === "error" ? "alert" : "status")}
      className={cn("flex gap-3 rounded-control border px-4 py-3 text-sm", tones[tone].box, className)}
      {...props}
    >
      <span className="mt-px shrink-0">{tones[tone].icon}</span>
      <div className="min-w-0 flex-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className={cn("text-fg", title ? "mt-0.5" : undefined)}>{children}</div>}
      </div>
      {action && <div className="shrink-0 self-center">{action}</div>}
    </div>
  );
}
