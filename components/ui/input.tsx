import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const field =
  "w-full rounded-control border border-border-strong bg-surface px-3 text-sm text-fg shadow-xs " +
  "placeholder:text-fg-subtle transition-colors focus-visible:border-ring " +
  "disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-fg-muted " +
  "aria-invalid:border-danger aria-invalid:focus-visible:outline-danger";

export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return <input type={type} className={cn(field, "h-10", className)} {...props} />;
}

export function Textarea({ className, rows = 4, ...props }: ComponentProps<"textarea">) {
  return <textarea rows={rows} className={cn(field, "min-h-20 py-2 leading-relaxed", className)} {...props} />;
}
