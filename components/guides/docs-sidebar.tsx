"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import type { GuideSummary } from "@/lib/guides/load-guides";
import { DocsOnboardingPanel, useDocsOnboarding } from "@/components/onboarding/docs-onboarding";
import { STANDARD_REFERENCES } from "@/lib/docs/standard-references";
import { DocsSearch } from "./guide-search";

const REFERENCE = [
  { href: "/docs/api", label: "API reference" },
  { href: "/docs/errors", label: "Errors" },
  { href: "/docs/sandbox", label: "Personas & magic values" },
  { href: "/docs/changelog", label: "Changelog" },
];

/** The open-banking standards the sandbox also speaks, each with its own reference page. */
const STANDARDS = STANDARD_REFERENCES.map((standard) => ({ href: standard.docsHref, label: standard.label }));

function NavList({ title, links, pathname }: { title: string; links: Array<{ href: string; label: string }>; pathname: string }) {
  const id = `docs-nav-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <div>
      <h2 id={id} className="px-3 text-xs font-semibold tracking-wide text-fg-muted uppercase">
        {title}
      </h2>
      <ul aria-labelledby={id} className="mt-2 space-y-0.5">
        {links.map((link) => {
          const current = pathname === link.href;
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "block rounded-control px-3 py-1.5 text-sm transition-colors",
                  current ? "bg-primary-soft font-medium text-fg" : "text-fg-muted hover:bg-surface-muted hover:text-fg",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** An API reference area in the sidebar: `/docs/api/<slug>`. */
export type SidebarApiArea = { href: string; label: string };

function Nav({ guides, apiAreas, pathname }: { guides: GuideSummary[]; apiAreas: SidebarApiArea[]; pathname: string }) {
  return (
    <div className="space-y-6">
      <NavList
        title="Guides"
        pathname={pathname}
        links={guides.map((guide) => ({ href: `/docs/guides/${guide.slug}`, label: guide.title }))}
      />
      <NavList title="Reference" pathname={pathname} links={REFERENCE} />
      {apiAreas.length > 0 && <NavList title="API areas" pathname={pathname} links={apiAreas} />}
      <NavList title="Standards" pathname={pathname} links={STANDARDS} />
    </div>
  );
}

/**
 * The docs' navigation: search, the guides in reading order, the reference pages. A sticky column
 * from `lg` up; below that, a disclosure (a native <details>, so keyboard and screen readers work).
 */
export function DocsSidebar({
  guides,
  apiAreas = [],
  signedIn,
}: {
  guides: GuideSummary[];
  apiAreas?: SidebarApiArea[];
  signedIn: boolean;
}) {
  const pathname = usePathname();
  // One fetch for both layouts (the mobile menu and the desktop column render the same data).
  const onboarding = useDocsOnboarding(signedIn);
  return (
    <>
      <div className="border-b border-border px-4 py-3 lg:hidden">
        <DocsSearch />
        <details className="group mt-3">
          <summary className="cursor-pointer rounded-control py-1 text-sm font-medium text-fg">Docs menu</summary>
          <nav aria-label="Docs" className="space-y-6 pt-3 pb-2">
            <DocsOnboardingPanel {...onboarding} />
            <Nav guides={guides} apiAreas={apiAreas} pathname={pathname} />
          </nav>
        </details>
      </div>
      <aside className="hidden w-64 shrink-0 border-r border-border lg:block">
        <div className="sticky top-16 max-h-[calc(100dvh-4rem)] space-y-6 overflow-y-auto px-4 py-8">
          <DocsSearch />
          <DocsOnboardingPanel {...onboarding} />
          <nav aria-label="Docs">
            <Nav guides={guides} apiAreas={apiAreas} pathname={pathname} />
          </nav>
        </div>
      </aside>
    </>
  );
}
