import { SDK_TARBALL_PATH } from "./downloads";
import type { Guide } from "./load-guides";
import { LOOPBACK_EXAMPLE, loopbackSentence, RETRY_SCHEDULE_COLUMNS, retryScheduleRows, type PortalFacts } from "./portal-facts";
import { fillPlaceholders, type SampleContext } from "./samples";

/**
 * A guide as plain Markdown (`/docs/guides/<slug>.md`, `/llms-full.txt`): what the page shows,
 * for readers that are not browsers (AI assistants, `curl`, editors). The MDX becomes Markdown
 * any renderer understands:
 * - `<Samples>` tabs become one fenced block per language, each after a bold label (the tab's
 *   name); the Node tab keeps the page's note on installing the typed client;
 * - `<Callout>`-like components become blockquotes; `<RetrySchedule />` a table;
 *   `<GoLiveMinimum />` and `<LoopbackReceivers />` this portal's values, as the page says them;
 * - placeholders are filled as the page fills them for a visitor (the portal's origin, neutral
 *   `app_…`/`sk_sandbox_…`), and links to the portal's own pages become absolute.
 * The author's Markdown is otherwise kept as written (line by line, fences left alone).
 */

/**
 * `facts: null` leaves `<GoLiveMinimum />` and `<LoopbackReceivers />` in the text for
 * fillPortalFacts to fill later: the build renders the Markdown once, the running portal knows its settings.
 */
export type MarkdownOptions = { baseUrl: string; facts: PortalFacts | null };

/** This portal's settings in a guide's prose: the components that state them, as text. */
export function fillPortalFacts(text: string, facts: PortalFacts): string {
  const { before, after } = loopbackSentence(facts.loopbackAllowed);
  return text
    .replace(/<GoLiveMinimum\s*\/>/g, String(facts.goLiveMinimum))
    .replace(/<LoopbackReceivers\s*\/>/g, `${before}\`${LOOPBACK_EXAMPLE}\`${after}`);
}

/** The tab labels of a step's samples, on the page (components/guides/guide-content.tsx) and here. */
export const SAMPLE_LABEL: Record<string, string> = { bash: "curl", js: "Node", python: "Python", shell: "Terminal" };

const FENCE = /^(\s*)(```+|~~~+)/;

function visitorContext(baseUrl: string): SampleContext {
  return { baseUrl, appId: null, keyPrefix: null, clientId: null };
}

/** Prose outside code: components to text, root-relative links to absolute ones. */
function prose(line: string, options: MarkdownOptions): string {
  const base = options.baseUrl.replace(/\/$/, "");
  const filled = fillPlaceholders(line, visitorContext(base));
  return (options.facts ? fillPortalFacts(filled, options.facts) : filled).replace(
    /\]\((\/[^)\s]*)\)/g,
    (_, href: string) => `](${base}${href})`,
  );
}

function retryTable(): string[] {
  return [
    `| ${RETRY_SCHEDULE_COLUMNS.join(" | ")} |`,
    `| ${RETRY_SCHEDULE_COLUMNS.map(() => "---").join(" | ")} |`,
    ...retryScheduleRows().map((row) => `| ${row.attempt} | ${row.wait} | ${row.at} |`),
  ];
}

/** One `<Samples>` group: each fence with its tab's label, code filled in. */
function samplesGroup(lines: string[], options: MarkdownOptions, note: string | null): string[] {
  const out: string[] = [];
  if (note) out.push(`> ${note}`, "");
  const base = options.baseUrl.replace(/\/$/, "");
  for (let index = 0; index < lines.length; index++) {
    const open = /^(```+)(\w*)(.*)$/.exec(lines[index]);
    if (!open) continue;
    const [, ticks, language, rest] = open;
    const body: string[] = [];
    for (index++; index < lines.length && !lines[index].startsWith(ticks); index++) body.push(lines[index]);
    const label = SAMPLE_LABEL[language] ?? (language || "Code");
    out.push(`**${label}**`, "");
    if (language === "js")
      out.push(
        `Install the typed client once (\`npm install ${base}${SDK_TARBALL_PATH}\`), then save the sample as a \`.mjs\` file in the same folder and run it with \`node\`.`,
        "",
      );
    out.push(`${ticks}${language}${rest}`, fillPlaceholders(body.join("\n"), visitorContext(base)), ticks, "");
  }
  return out;
}

/** A component the guides may use for an aside (`<Callout>`, `<Note>`, `<Warning>`): a blockquote. */
const ASIDE = /^<(Callout|Note|Warning|Tip)(\s[^>]*)?>\s*$/;

/** The guide's body as Markdown (no title). */
export function renderGuideBody(body: string, options: MarkdownOptions): string {
  const lines = body.split("\n");
  const out: string[] = [];
  let fence: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (fence) {
      out.push(fillPlaceholders(line, visitorContext(options.baseUrl)));
      if (line.trim().startsWith(fence)) fence = null;
      continue;
    }
    const opening = FENCE.exec(line);
    if (opening) {
      fence = opening[2];
      out.push(line);
      continue;
    }
    const samples = /^<Samples(\s[^>]*)?>\s*$/.exec(line);
    if (samples) {
      const group: string[] = [];
      for (index++; index < lines.length && !/^<\/Samples>\s*$/.test(lines[index]); index++) group.push(lines[index]);
      const note = /expect="error"/.test(samples[1] ?? "")
        ? "This step fails on purpose: it shows the error you get."
        : /expect="stream"/.test(samples[1] ?? "")
          ? "This command keeps running until you stop it (Ctrl-C)."
          : null;
      out.push(...samplesGroup(group, options, note));
      continue;
    }
    const aside = ASIDE.exec(line);
    if (aside) {
      const name = aside[1];
      const title = /title="([^"]*)"/.exec(aside[2] ?? "")?.[1];
      const inner: string[] = title ? [`**${title}**`, ""] : [];
      for (index++; index < lines.length && !new RegExp(`^</${name}>\\s*$`).test(lines[index]); index++)
        inner.push(prose(lines[index], options));
      out.push(...inner.map((text) => (text ? `> ${text}` : ">")));
      continue;
    }
    if (/^<RetrySchedule\s*\/>\s*$/.test(line)) {
      out.push(...retryTable());
      continue;
    }
    out.push(prose(line, options));
  }
  // No run of blank lines longer than one, and one final newline.
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

/** The whole guide: title, description, where the page is, then the body. */
export function renderGuideMarkdown(guide: Guide, options: MarkdownOptions): string {
  const base = options.baseUrl.replace(/\/$/, "");
  return [
    `# ${guide.title}`,
    "",
    `> ${guide.description}`,
    "",
    `Page: ${base}/docs/guides/${guide.slug}`,
    "",
    renderGuideBody(guide.body, options),
  ].join("\n");
}
