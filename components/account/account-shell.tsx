import Link from "next/link";
import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { PageHeader } from "@/components/ui/page-header";
import { cn } from "@/lib/cn";

const sections = [
  { id: "profile", label: "Profile", href: "/account", description: "Your name and email address." },
  {
    id: "security",
    label: "Security",
    href: "/account/security",
    description: "Password, two-factor authentication, passkeys and single sign-on.",
  },
  { id: "sessions", label: "Sessions", href: "/account/sessions", description: "Where your account is signed in, and signing them out." },
  {
    id: "privacy",
    label: "Data & privacy",
    href: "/account/privacy",
    description: "Download everything we hold about you, or delete your account.",
  },
] as const;

export type AccountSection = (typeof sections)[number]["id"];

/**
 * The frame of the account pages: breadcrumb, the section's title, and the sections as a row of
 * links (the same pattern as an app's pages), the current one marked for assistive tech.
 */
export function AccountShell({ current, children }: { current: AccountSection; children: ReactNode }) {
  const section = sections.find((candidate) => candidate.id === current)!;
  return (
    <DashboardShell crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: "Account", href: "/account" }, { label: section.label }]}>
      <PageHeader title="Account settings" description={section.description} />
      <nav aria-label="Account sections" className="-mt-2 flex gap-1 overflow-x-auto border-b border-border">
        {sections.map((candidate) => {
          const active = candidate.id === current;
          return (
            <Link
              key={candidate.id}
              href={candidate.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
                active ? "border-primary text-fg" : "border-transparent text-fg-muted hover:border-border-strong hover:text-fg",
              )}
            >
              {candidate.label}
            </Link>
          );
        })}
      </nav>
      <div className="flex flex-col gap-8">{children}</div>
    </DashboardShell>
  );
}
