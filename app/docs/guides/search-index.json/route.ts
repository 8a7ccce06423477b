import { loadGuides } from "@/lib/guides/load-guides";
import { buildSearchIndex } from "@/lib/guides/search-index";

// Built once with the site: the guides only change with a deploy.
export const dynamic = "force-static";

export function GET() {
  return Response.json(buildSearchIndex(loadGuides()));
}
