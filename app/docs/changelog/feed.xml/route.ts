import { atomFeed } from "@/lib/changelog/atom-feed";
import { loadChangelog } from "@/lib/changelog/load-changelog";
import { env } from "@/lib/env";

/** The changelog as an Atom feed (GET /docs/changelog/feed.xml); it changes only with a deploy. */
export function GET() {
  return new Response(atomFeed(loadChangelog(), env().PORTAL_URL), {
    headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
