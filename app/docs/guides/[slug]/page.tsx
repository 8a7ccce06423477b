import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/guides/breadcrumbs";
import { GuideMarkdownActions } from "@/components/guides/guide-markdown-actions";
import { GuideContent } from "@/components/guides/guide-content";
import { GuideToc } from "@/components/guides/guide-toc";
import { Code } from "@/components/ui/code";
import { getSampleContext } from "@/lib/guides/get-sample-context";
import { loadGuides, neighbours, summarise } from "@/lib/guides/load-guides";

type Params = { params: Promise<{ slug: string }> };

const findGuide = (slug: string) => loadGuides().find((guide) => guide.slug === slug);
const markdownHref = (slug: string) => `/docs/guides/${slug}.md`;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const guide = findGuide((await params).slug);
  if (!guide) return {};
  // The same guide as Markdown, for tools that follow <link rel="alternate" type="text/markdown">.
  return { title: guide.title, description: guide.description, alternates: { types: { "text/markdown": markdownHref(guide.slug) } } };
}

/** One guide, its samples filled in for the signed-in developer (so the page renders per request). */
export default async function GuidePage({ params }: Params) {
  const { slug } = await params;
  const guides = loadGuides();
  const guide = guides.find((candidate) => candidate.slug === slug);
  if (!guide) notFound();
  const context = await getSampleContext();
  const { previous, next } = neighbours(guides.map(summarise), slug);

  return (
    <div className="flex w-full justify-center gap-10 px-4 py-10 sm:px-6">
      <article className="w-full max-w-3xl min-w-0">
        <Breadcrumbs crumbs={[{ label: "Docs", href: "/docs" }, { label: "Guides", href: "/docs/guides" }, { label: guide.title }]} />
        <h1 className="mt-4 text-3xl font-semibold tracking-tight text-fg">{guide.title}</h1>
        <p className="mt-2 text-lg text-fg-muted">{guide.description}</p>
        <GuideMarkdownActions href={markdownHref(slug)} />
        <p className="mt-4 rounded-card border border-border bg-surface-muted px-4 py-3 text-sm text-fg-muted" data-testid="sample-context">
          {context.appId ? (
            <>
              Samples use <strong className="font-medium text-fg">{context.appName}</strong> (<Code>{context.appId}</Code>
              {guide.body.includes("{{CLIENT_ID}}") && (
                <>
                  , OAuth client <Code>{context.clientId}</Code>
                </>
              )}
              ), key <Code>{context.keyPrefix}</Code>: export that key as <Code>SANDBOX_KEY</Code>.
            </>
          ) : (
            <>
              Samples call <Code>{context.baseUrl}</Code> with your key in <Code>$SANDBOX_KEY</Code>.{" "}
              <Link href={`/signin?callbackUrl=/docs/guides/${slug}`} className="font-medium text-primary hover:underline">
                Sign in
              </Link>{" "}
              to see your own app in them.
            </>
          )}
        </p>
        <GuideContent guide={guide} context={context} />
        <nav aria-label="Guides" className="mt-16 grid gap-4 border-t border-border pt-8 sm:grid-cols-2">
          {previous ? (
            <Link href={`/docs/guides/${previous.slug}`} rel="prev" className="rounded-card border border-border p-4 hover:border-primary">
              <span className="block text-xs text-fg-muted">Previous</span>
              <span className="font-medium text-fg">{previous.title}</span>
            </Link>
          ) : (
            <span />
          )}
          {next && (
            <Link
              href={`/docs/guides/${next.slug}`}
              rel="next"
              className="rounded-card border border-border p-4 text-right hover:border-primary"
            >
              <span className="block text-xs text-fg-muted">Next</span>
              <span className="font-medium text-fg">{next.title}</span>
            </Link>
          )}
        </nav>
      </article>
      <aside className="hidden w-56 shrink-0 xl:block">
        <div className="sticky top-24">
          <GuideToc headings={guide.headings} />
        </div>
      </aside>
    </div>
  );
}
