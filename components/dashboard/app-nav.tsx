import Link from "next/link";
import { cn } from "@/lib/cn";

const sections = [
  { id: "overview", label: "Overview", path: "" },
  { id: "logs", label: "Request logs", path: "/logs" },
  { id: "timeline", label: "Timeline", path: "/timeline" },
  { id: "analytics", label: "Analytics", path: "/analytics" },
  { id: "sandbox", label: "Sandbox", path: "/sandbox" },
  { id: "readiness", label: "Readiness", path: "/readiness" },
  { id: "go-live", label: "Go live", path: "/go-live" },
] as const;

export type AppSection = (typeof sections)[number]["id"];

/** The app's sub-pages as a row of links; the current one is marked for assistive tech. */
export function AppNav({ appId, current }: { appId: string; current: AppSection }) {
  return (
    <nav aria-label="App sections" className="-mt-2 flex gap-1 overflow-x-auto border-b border-border">
      {sections.map((section) => {
        const active = section.id === current;
        return (
          <Link
            key={section.id}
            href={`/dashboard/apps/${appId}${section.path}`}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
              active ? "border-primary text-fg" : "border-transparent text-fg-muted hover:border-border-strong hover:text-fg",
            )}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
