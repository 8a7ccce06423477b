import type { ReactNode } from "react";
import { DocsSidebar } from "@/components/guides/docs-sidebar";
import { loadGuides, summarise } from "@/lib/guides/load-guides";

/** Every docs page shares the sidebar: search, the guides in reading order and the reference. */
export default function DocsLayout({ children }: { children: ReactNode }) {
  const guides = loadGuides().map(summarise);
  return (
    <div className="flex w-full flex-1 flex-col lg:flex-row">
      <DocsSidebar guides={guides} />
      <div className="flex min-w-0 flex-1 flex-col">{children}</div>
    </div>
  );
}
