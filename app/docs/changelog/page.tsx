import type { Metadata } from "next";
import { Fragment, type ReactNode } from "react";
import { Breadcrumbs } from "@/components/guides/breadcrumbs";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Code } from "@/components/ui/code";
import { loadChangelog, type ChangeKind } from "@/lib/changelog/load-changelog";

export const metadata: Metadata = {
  title: "Changelog",
  description: "What changed in the Open Bank sandbox API and developer portal, newest first.",
  alternates: { types: { "application/atom+xml": [{ url: "/docs/changelog/feed.xml", title: "Open Bank Developers changelog" }] } },
};

const TONE: Record<ChangeKind, BadgeTone> = { Added: "success", Changed: "info", Fixed: "warning" };

/** Change text is Markdown with inline code only: `…` spans become <code>. */
function inline(text: string): ReactNode {
  return text
    .split(/(`[^`]+`)/)
    .map((part, index) =>
      part.startsWith("`") && part.endsWith("`") && part.length > 1 ? (
        <Code key={index}>{part.slice(1, -1)}</Code>
      ) : (
        <Fragment key={index}>{part}</Fragment>
      ),
    );
}

const formatDate = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Every release from content/changelog, newest first, each grouped into Added / Changed / Fixed. */
export default function ChangelogPage() {
  const releases = loadChangelog();
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10 sm:px-6">
      <Breadcrumbs crumbs={[{ label: "Docs", href: "/docs" }, { label: "Changelog" }]} />
      <h1 className="mt-4 text-3xl font-semibold tracking-tight text-fg">Changelog</h1>
      <p className="mt-2 text-lg text-fg-muted">
        What changed in the sandbox API and the portal. Changes within <Code>/v1</Code> are additive. Follow it in a feed reader:{" "}
        <a href="/docs/changelog/feed.xml" className="font-medium text-primary underline-offset-4 hover:underline">
          Atom feed
        </a>
        .
      </p>
      <ol className="mt-10 space-y-12">
        {releases.map((release) => (
          <li key={release.id}>
            <article id={release.id} aria-labelledby={`${release.id}-title`} className="scroll-mt-24 border-t border-border pt-8">
              <p className="text-sm text-fg-muted">
                <time dateTime={release.date}>{formatDate(release.date)}</time>
              </p>
              <h2 id={`${release.id}-title`} className="mt-1 text-xl font-semibold tracking-tight text-fg">
                <a href={`#${release.id}`} className="hover:underline">
                  {release.title}
                </a>
              </h2>
              <p className="mt-2 text-fg-muted">{release.summary}</p>
              {release.sections.map((section) => (
                <section key={section.kind} aria-label={`${release.title}: ${section.kind}`} className="mt-5">
                  <h3>
                    <Badge tone={TONE[section.kind]}>{section.kind}</Badge>
                  </h3>
                  <ul className="mt-3 space-y-2 text-[15px] leading-relaxed text-fg">
                    {section.changes.map((change) => (
                      <li key={change.text} className="flex gap-2">
                        <span aria-hidden="true" className="mt-2.5 size-1.5 shrink-0 rounded-full bg-border-strong" />
                        <span>
                          <strong className="font-semibold">{change.area}:</strong> {inline(change.text)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </article>
          </li>
        ))}
      </ol>
    </div>
  );
}
