import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export function Label({ className, optional, children, ...props }: ComponentProps<"label"> & { optional?: boolean }) {
  return (
    <label className={cn("text-sm font-medium text-fg", className)} {...props}>
      {children}
      {optional && <span className="ml-1 font-normal text-fg-muted">(optional)</span>}
    </label>
  );
}
