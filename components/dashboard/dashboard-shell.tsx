import Link from "next/link";
import type { ReactNode } from "react";

export type Crumb = { label: string; href?: string };

/**
 * The frame of every dashboard page: a breadcrumb bar under the site header
 * ("Dashboard / App name"), then the page in the common width.
 */
export function DashboardShell({ crumbs, children }: { crumbs: Crumb[]; children: ReactNode }) {
  return (
    <>
      <div className="border-b border-border bg-surface">
        <nav aria-label="Breadcrumb" className="mx-auto w-full max-w-6xl px-4 py-3 sm:px-6">
          <ol className="flex min-w-0 items-center gap-2 text-sm">
            {crumbs.map((crumb, index) => {
              const last = index === crumbs.length - 1;
              return (
                <li key={`${index}-${crumb.label}`} className="flex min-w-0 items-center gap-2">
                  {index > 0 && (
                    <span aria-hidden="true" className="text-fg-subtle">
                      /
                    </span>
                  )}
                  {crumb.href && !last ? (
                    <Link
                      href={crumb.href}
                      className="shrink-0 rounded-sm font-medium text-fg-muted underline-offset-4 hover:text-fg hover:underline"
                    >
                      {crumb.label}
                    </Link>
                  ) : (
                    <span aria-current={last ? "page" : undefined} className="truncate font-medium text-fg" title={crumb.label}>
                      {crumb.label}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </nav>
      </div>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-8 sm:px-6 sm:py-10">{children}</div>
    </>
  );
}
