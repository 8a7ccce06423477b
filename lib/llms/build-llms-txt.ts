import { HTTP_METHODS, listOperations, operationHref, type OpenApiDocumentLike, type OpenApiOperationObject } from "@/lib/docs/api-areas";
import { STANDARD_REFERENCES } from "@/lib/docs/standard-references";
import { renderGuideBody } from "@/lib/guides/guide-markdown";
import type { Guide } from "@/lib/guides/load-guides";
import type { PortalFacts } from "@/lib/guides/portal-facts";

/**
 * `/llms.txt` and `/llms-full.txt` (the llmstxt.org format): the portal's docs for AI assistants.
 * llms.txt is the map: an H1, a blockquote summary, then H2 file lists of `[name](url): notes`
 * — every guide's Markdown copy, every operation of the sandbox API and of the portal API, the
 * standards' references. llms-full.txt is the territory: every guide's full text, then every
 * operation with its parameters and answers. Every link is absolute to the portal's origin.
 */

export type MachineDocsSources = {
  baseUrl: string;
  guides: Guide[];
  /** The sandbox API's OpenAPI document (what `/openapi.json` serves). */
  sandbox: OpenApiDocumentLike;
  /** The portal API's (what `/api/openapi.json` serves). */
  portal: OpenApiDocumentLike;
  /** null: the settings' components stay in the text for the running portal to fill (see machine-docs-files.ts). */
  facts: PortalFacts | null;
};

export const SITE_TITLE = "Open Bank Developer Portal";
const SUMMARY =
  "An open-banking bank's developer portal and sandbox: a sandbox API (`/v1`, with UK Open Banking 4.0 and Berlin Group NextGenPSD2 surfaces) with seeded test customers, API keys, OAuth 2.0/FAPI 2.0 consents and Standard Webhooks, plus a portal API and the `openbank` CLI to manage apps, keys, webhooks and the sandbox.";

const trimBase = (baseUrl: string) => baseUrl.replace(/\/$/, "");

/** A JSON Pointer fragment into the document for one operation (`#/paths/~1api~1apps/get`). */
export function operationPointer(path: string, method: string): string {
  return `#/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}/${method}`;
}

/** One line of prose: the first line of an OpenAPI description, without trailing spaces. */
const oneLine = (text: string | undefined) => (text ?? "").split("\n")[0].trim();

export function buildLlmsTxt(sources: MachineDocsSources): string {
  const base = trimBase(sources.baseUrl);
  const lines = [
    `# ${SITE_TITLE}`,
    "",
    `> ${SUMMARY}`,
    "",
    `Every guide is also plain Markdown at its page's URL plus \`.md\` (for example ${base}/docs/guides/quickstart.md). Code samples call \`${base}\` and read the sandbox key from \`$SANDBOX_KEY\`; placeholders such as \`app_…\` stand for the reader's own app. The complete text of the guides and the API reference is at ${base}/llms-full.txt.`,
    "",
    "## Guides",
    "",
    ...sources.guides.map((guide) => `- [${guide.title}](${base}/docs/guides/${guide.slug}.md): ${guide.description}`),
    "",
    "## Sandbox API",
    "",
    `- [OpenAPI document](${base}/openapi.json): ${oneLine(sources.sandbox.info?.title) || "the sandbox API"}, OpenAPI ${sources.sandbox.openapi ?? "3.1"} (also as YAML at ${base}/openapi.yaml)`,
    ...listOperations(sources.sandbox).map(
      (operation) =>
        `- [${operation.method.toUpperCase()} ${operation.path}](${base}${operationHref(operation.tag, operation.operationId)}): ${operation.summary}`,
    ),
    "",
    "## Portal API",
    "",
    `- [OpenAPI document](${base}/api/openapi.json): manage apps, keys, webhooks, events and the sandbox with a personal access token (\`Authorization: Bearer pat_…\`); the \`openbank\` CLI is built on it`,
    ...listOperations(sources.portal).map(
      (operation) =>
        `- [${operation.method.toUpperCase()} ${operation.path}](${base}/api/openapi.json${operationPointer(operation.path, operation.method)}): ${operation.summary}`,
    ),
    "",
    "## Optional",
    "",
    `- [Full text](${base}/llms-full.txt): every guide and every operation above in one file`,
    ...STANDARD_REFERENCES.flatMap((standard) => [
      `- [${standard.label} reference](${base}${standard.docsHref}): ${standard.summary}`,
      `- [${standard.label} OpenAPI document](${base}${standard.openapiHref}): the standard's surface as the sandbox serves it`,
    ]),
    `- [Error catalogue](${base}/docs/errors): every problem \`code\` the APIs answer, with its status and what to do`,
    "",
  ];
  return lines.join("\n");
}

type Parameter = { name?: string; in?: string; required?: boolean; description?: string; $ref?: string };

/** `$ref`s to `#/components/parameters/...` resolved against the document. */
function resolveParameter(document: OpenApiDocumentLike, parameter: Parameter): Parameter {
  if (!parameter.$ref) return parameter;
  const name = parameter.$ref.split("/").pop()!;
  return (document.components?.parameters?.[name] as Parameter | undefined) ?? parameter;
}

/** One document's operations as Markdown: a heading per operation, its summary, description, parameters and answers. */
function operationsMarkdown(
  document: OpenApiDocumentLike,
  link: (path: string, method: string, operation: OpenApiOperationObject) => string,
) {
  const out: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OpenApiOperationObject | undefined;
      if (!operation) continue;
      out.push(`### ${method.toUpperCase()} ${path}`, "");
      out.push(`${operation.summary ?? ""}${operation.deprecated ? " (deprecated)" : ""} — ${link(path, method, operation)}`, "");
      if (operation.description) out.push(operation.description.trim(), "");
      const parameters = [
        ...((item.parameters as Parameter[] | undefined) ?? []),
        ...((operation.parameters as Parameter[] | undefined) ?? []),
      ].map((parameter) => resolveParameter(document, parameter));
      if (parameters.length) {
        out.push("Parameters:", "");
        for (const parameter of parameters)
          out.push(
            `- \`${parameter.name}\` (${parameter.in}${parameter.required ? ", required" : ""})${parameter.description ? `: ${oneLine(parameter.description)}` : ""}`,
          );
        out.push("");
      }
      const body = operation.requestBody as { content?: Record<string, unknown> } | undefined;
      if (body?.content) out.push(`Request body: ${Object.keys(body.content).join(", ")}`, "");
      const answers = Object.entries(operation.responses ?? {}).map(
        ([status, response]) =>
          `\`${status}\`${(response as { description?: string }).description ? ` ${oneLine((response as { description?: string }).description)}` : ""}`,
      );
      if (answers.length) out.push(`Answers: ${answers.join(" · ")}`, "");
    }
  }
  return out;
}

export function buildLlmsFullTxt(sources: MachineDocsSources): string {
  const base = trimBase(sources.baseUrl);
  const options = { baseUrl: base, facts: sources.facts };
  const demote = (markdown: string) => {
    // The guide's own headings go two levels down, under the guide's H2 (outside code).
    let fence = false;
    return markdown
      .split("\n")
      .map((line) => {
        if (/^\s*(```|~~~)/.test(line)) fence = !fence;
        return !fence && /^#{1,4} /.test(line) ? `##${line}` : line;
      })
      .join("\n");
  };
  return [
    `# ${SITE_TITLE}`,
    "",
    `> ${SUMMARY}`,
    "",
    `The index of this text is ${base}/llms.txt. Guides first, each under its title, then the sandbox API's and the portal API's operations.`,
    "",
    ...sources.guides.flatMap((guide) => [
      `## Guide: ${guide.title}`,
      "",
      `> ${guide.description}`,
      "",
      `Page: ${base}/docs/guides/${guide.slug} · Markdown: ${base}/docs/guides/${guide.slug}.md`,
      "",
      demote(renderGuideBody(guide.body, options)),
    ]),
    "## Sandbox API reference",
    "",
    `OpenAPI document: ${base}/openapi.json. Authenticate with \`Authorization: Bearer $SANDBOX_KEY\`.`,
    "",
    ...operationsMarkdown(sources.sandbox, (_path, _method, operation) => {
      const tag = operation.tags?.[0] ?? "default";
      return `${base}${operationHref(tag, operation.operationId ?? "")}`;
    }),
    "## Portal API reference",
    "",
    `OpenAPI document: ${base}/api/openapi.json. Authenticate with a personal access token: \`Authorization: Bearer pat_…\`.`,
    "",
    ...operationsMarkdown(sources.portal, (path, method) => `${base}/api/openapi.json${operationPointer(path, method)}`),
  ].join("\n");
}
