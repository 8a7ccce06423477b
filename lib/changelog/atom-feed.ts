import type { Release } from "./load-changelog";

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A release's changes as a small HTML fragment for the feed (escaped inside the Atom `content`). */
function releaseHtml(release: Release): string {
  return release.sections
    .map(
      (section) =>
        `<h3>${section.kind}</h3><ul>${section.changes.map((change) => `<li><strong>${escapeXml(change.area)}</strong>: ${escapeXml(change.text)}</li>`).join("")}</ul>`,
    )
    .join("");
}

/** The changelog as an Atom 1.0 feed (RFC 4287); entry ids are the page's anchors, so they never change. */
export function atomFeed(releases: Release[], siteUrl: string): string {
  const base = siteUrl.replace(/\/$/, "");
  const page = `${base}/docs/changelog`;
  const updated = releases[0] ? `${releases[0].date}T00:00:00Z` : new Date(0).toISOString();
  const entries = releases
    .map(
      (release) => `  <entry>
    <id>${page}#${release.id}</id>
    <title>${escapeXml(release.title)}</title>
    <link rel="alternate" type="text/html" href="${page}#${release.id}"/>
    <updated>${release.date}T00:00:00Z</updated>
    <summary>${escapeXml(release.summary)}</summary>
    <content type="html">${escapeXml(releaseHtml(release))}</content>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${page}</id>
  <title>Open Bank Developers changelog</title>
  <link rel="alternate" type="text/html" href="${page}"/>
  <link rel="self" type="application/atom+xml" href="${page}/feed.xml"/>
  <updated>${updated}</updated>
  <author><name>Open Bank</name></author>
${entries}
</feed>
`;
}
