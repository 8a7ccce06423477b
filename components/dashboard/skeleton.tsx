import { cn } from "@/lib/cn";

/** A grey placeholder block while a page streams in. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-surface-muted", className)} />;
}
