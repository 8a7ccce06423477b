"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** A header link that marks itself current on its own section (`/docs/api` is current on `/docs/...`). */
export function NavLink({ href, match, children }: { href: string; match?: string; children: ReactNode }) {
  const pathname = usePathname();
  const prefix = match ?? href;
  const current = pathname === prefix || pathname.startsWith(`${prefix}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={cn(
        "rounded-control px-2.5 py-1.5 text-sm font-medium transition-colors",
        current ? "text-fg" : "text-fg-muted hover:text-fg",
      )}
    >
      {children}
    </Link>
  );
}
