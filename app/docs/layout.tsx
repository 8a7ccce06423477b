import type { ReactNode } from "react";
import { DocsSidebar } from "@/components/guides/docs-sidebar";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { listApiAreas } from "@/lib/docs/api-areas";
import { getOpenApiDocumentOrNull } from "@/lib/docs/load-api-reference";
import { loadGuides, summarise } from "@/lib/guides/load-guides";

/** Every docs page shares the sidebar: search, the reader's onboarding, the guides in reading order and the reference. */
export default async function DocsLayout({ children }: { children: ReactNode }) {
  const guides = loadGuides().map(summarise);
  // Already read for the site header (cached per request): only decides sign-up prompt vs. progress.
  const user = await getCurrentUser();
  // The API reference's product areas; the sidebar simply omits them while the bank is down.
  const document = await getOpenApiDocumentOrNull();
  const apiAreas = document ? listApiAreas(document).map((area) => ({ href: `/docs/api/${area.slug}`, label: area.tag })) : [];
  return (
    <div className="flex w-full flex-1 flex-col lg:flex-row">
      <DocsSidebar guides={guides} apiAreas={apiAreas} signedIn={Boolean(user)} />
      <div className="flex min-w-0 flex-1 flex-col">{children}</div>
    </div>
  );
}
