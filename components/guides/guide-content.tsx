import Link from "next/link";
import { MDXRemote } from "next-mdx-remote/rsc";
import { Children, isValidElement, type ComponentProps, type ReactElement, type ReactNode } from "react";
import remarkGfm from "remark-gfm";
import { Code, CodeBlock } from "@/components/ui/code";
import { Tabs } from "@/components/ui/tabs";
import type { Guide } from "@/lib/guides/load-guides";
import { SDK_TARBALL_PATH } from "@/lib/guides/downloads";
import { SAMPLE_LABEL } from "@/lib/guides/guide-markdown";
import { fillPlaceholders, type SampleContext } from "@/lib/guides/samples";
import { RetrySchedule } from "./retry-schedule";
import { GoLiveMinimum, LoopbackReceivers } from "./sandbox-settings";
import { TableFrame } from "./table-frame";

/** The tab labels, shared with the guides' Markdown copies. */
const LABEL = SAMPLE_LABEL;

type CodeElement = ReactElement<{ className?: string; children?: ReactNode }>;

/** A fenced block arrives as <pre><code className="language-x">text</code></pre>. */
function fence(pre: ReactNode): { language: string; code: string } | null {
  if (!isValidElement<{ children?: ReactNode }>(pre)) return null;
  const code = pre.props.children as CodeElement;
  if (!isValidElement(code)) return null;
  const language = /language-(\w+)/.exec(code.props.className ?? "")?.[1] ?? "text";
  return { language, code: String(code.props.children ?? "").replace(/\n$/, "") };
}

/**
 * A Node sample with what it needs to run: the typed client, installed from this portal (the
 * Quickstart's command), and how to run a sample file with plain `node`.
 */
function NodeSample({ baseUrl, sample }: { baseUrl: string; sample: ReactNode }) {
  const install = `npm install ${baseUrl.replace(/\/$/, "")}${SDK_TARBALL_PATH}`;
  return (
    <div className="flex flex-col gap-3">
      <div data-testid="node-install">
        <CodeBlock code={install} title="Install the typed client once" copyLabel="install command" />
      </div>
      <p className="text-sm text-fg-muted">
        Then save the sample as a <Code>.mjs</Code> file in the same folder and run it with <Code>node</Code>.
      </p>
      {sample}
    </div>
  );
}

/**
 * The MDX components for one render: code is filled in for the signed-in developer, headings get
 * the ids the table of contents links to (computed from the same source, in the same order).
 */
function components(guide: Guide, context: SampleContext) {
  let heading = 0;
  const nextId = () => guide.headings[heading++]?.id;
  const fill = (node: ReactNode) => (typeof node === "string" ? fillPlaceholders(node, context) : node);
  return {
    h2: (props: ComponentProps<"h2">) => (
      <h2 id={nextId()} className="mt-12 scroll-mt-24 text-xl font-semibold tracking-tight text-fg" {...props} />
    ),
    h3: (props: ComponentProps<"h3">) => <h3 id={nextId()} className="mt-8 scroll-mt-24 text-lg font-semibold text-fg" {...props} />,
    p: (props: ComponentProps<"p">) => <p className="mt-4 leading-7 text-fg" {...props} />,
    ul: (props: ComponentProps<"ul">) => <ul className="mt-4 list-disc space-y-2 pl-6 leading-7 text-fg" {...props} />,
    ol: (props: ComponentProps<"ol">) => <ol className="mt-4 list-decimal space-y-2 pl-6 leading-7 text-fg" {...props} />,
    strong: (props: ComponentProps<"strong">) => <strong className="font-semibold" {...props} />,
    // Downloads (/sdk/…, /downloads/…) are files, not pages: a plain link, never a client-side navigation.
    a: ({ href = "", ...props }: ComponentProps<"a">) =>
      href.startsWith("/") && !/^\/(sdk|downloads)\//.test(href) ? (
        <Link href={href} className="font-medium text-primary underline-offset-4 hover:underline" {...props} />
      ) : (
        <a href={href} className="font-medium text-primary underline-offset-4 hover:underline" {...props} />
      ),
    code: ({ children, ...props }: ComponentProps<"code">) => <Code {...props}>{fill(children)}</Code>,
    table: (props: ComponentProps<"table">) => (
      <TableFrame>
        <table className="w-full text-left text-sm" {...props} />
      </TableFrame>
    ),
    th: (props: ComponentProps<"th">) => (
      <th className="border-b border-border bg-surface-muted px-4 py-2 font-semibold text-fg" {...props} />
    ),
    td: (props: ComponentProps<"td">) => (
      <td className="border-b border-border px-4 py-2 align-top text-fg [tr:last-child>&]:border-b-0" {...props} />
    ),
    pre: ({ children }: ComponentProps<"pre">) => {
      const block = fence(<pre>{children}</pre>);
      if (!block) return <pre>{children}</pre>;
      const code = fillPlaceholders(block.code, context);
      return (
        <CodeBlock
          className="mt-4"
          code={code}
          title={block.language === "bash" || block.language === "shell" ? "Terminal" : block.language}
          copyLabel="command"
        />
      );
    },
    /** The webhook dispatcher's retry schedule, rendered from its own constants. */
    RetrySchedule,
    /** This sandbox's settings as a partner sees them (never the setting's name). */
    GoLiveMinimum,
    LoopbackReceivers,
    /** curl / Node / Python versions of one step, as keyboard-accessible tabs. */
    Samples: ({ children }: { children?: ReactNode }) => {
      const blocks = Children.toArray(children)
        .map((child) => (isValidElement<{ children?: ReactNode }>(child) ? fence(<pre>{child.props.children}</pre>) : null))
        .filter((block) => block !== null);
      return (
        <Tabs
          className="mt-4"
          label="Code samples"
          items={blocks.map((block) => {
            const label = LABEL[block.language] ?? block.language;
            const code = fillPlaceholders(block.code, context);
            const sample = <CodeBlock code={code} title={label} copyLabel={`${label} sample`} />;
            if (block.language !== "js") return { id: block.language, label, content: sample };
            return { id: block.language, label, content: <NodeSample baseUrl={context.baseUrl} sample={sample} /> };
          })}
        />
      );
    },
  };
}

export function GuideContent({ guide, context }: { guide: Guide; context: SampleContext }) {
  return <MDXRemote source={guide.body} components={components(guide, context)} options={{ mdxOptions: { remarkPlugins: [remarkGfm] } }} />;
}
