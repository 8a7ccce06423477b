import Link from "next/link";
import { cn } from "@/lib/cn";

const sections = [
  { id: "overview", label: "Overview", href: "/admin" },
  { id: "go-live", label: "Go-live reviews", href: "/admin/go-live" },
  { id: "apps", label: "Apps", href: "/admin/apps" },
  { id: "teams", label: "Teams", href: "/admin/teams" },
  { id: "developers", label: "Developers", href: "/admin/developers" },
] as const;

export type AdminSection = (typeof sections)[number]["id"];

export function AdminNav({ current, pending }: { current: AdminSection; pending?: number }) {
  return (
    <nav aria-label="Admin sections" className="flex gap-1 overflow-x-auto border-b border-border">
      {sections.map((section) => (
        <Link
          key={section.id}
          href={section.href}
          aria-current={section.id === current ? "page" : undefined}
          className={cn(
            "-mb-px flex shrink-0 items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
            section.id === current ? "border-primary text-fg" : "border-transparent text-fg-muted hover:border-border-strong hover:text-fg",
          )}
        >
          {section.label}
          {section.id === "go-live" && pending ? (
            <span className="rounded-full bg-primary px-1.5 text-xs text-primary-fg" aria-label={`${pending} pending`}>
              {pending}
            </span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}

export function AdminHeader({ title, description }: { title: string; description: string }) {
  return (
    <div>
      <p className="text-xs font-semibold tracking-wide text-primary uppercase">Platform admin</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{title}</h1>
      <p className="mt-1 text-fg-muted">{description}</p>
    </div>
  );
}
