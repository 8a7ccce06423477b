import Link from "next/link";
import { cn } from "@/lib/cn";

/** The mark: a bank's portico in a teal tile. Fixed colours, so it reads the same in both schemes. */
export function LogoMark({ size = 28, className }: { size?: number; className?: string }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" className={className}>
      <rect width="32" height="32" rx="8" fill="#0f766e" />
      <path d="M16 6.5 25.5 12H6.5L16 6.5Z" fill="#ffffff" />
      <rect x="8.5" y="13.75" width="3" height="8" rx="0.75" fill="#ffffff" />
      <rect x="14.5" y="13.75" width="3" height="8" rx="0.75" fill="#ffffff" />
      <rect x="20.5" y="13.75" width="3" height="8" rx="0.75" fill="#ffffff" />
      <rect x="6.5" y="23" width="19" height="2.5" rx="1" fill="#a5b4fc" />
    </svg>
  );
}

/** Mark + wordmark, linking home. "Developers" drops on narrow screens. */
export function Logo({ className }: { className?: string }) {
  return (
    <Link href="/" className={cn("flex items-center gap-2.5 rounded-control", className)}>
      <LogoMark />
      <span className="text-[15px] font-semibold tracking-tight text-fg">
        Open Bank <span className="hidden font-normal text-fg-muted sm:inline">Developers</span>
      </span>
    </Link>
  );
}
