import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { IconChevronDown } from "./icons";

/** A native <select> that looks like Input (same border, height, focus and invalid states). */
export function Select({ className, children, ...props }: ComponentProps<"select">) {
  return (
    <div className="relative">
      <select
        className={cn(
          "h-10 w-full appearance-none rounded-control border border-border-strong bg-surface pr-9 pl-3 text-sm text-fg shadow-xs",
          "transition-colors focus-visible:border-ring disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-fg-muted",
          "aria-invalid:border-danger aria-invalid:focus-visible:outline-danger",
          className,
        )}
        {...props}
      >
        {children}
      </select>
      <IconChevronDown className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-fg-muted" />
    </div>
  );
}
