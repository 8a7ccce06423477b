import type { Metadata } from "next";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Code, CodeBlock } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { catalog, type ErrorCode } from "@/lib/errors";

export const metadata: Metadata = {
  title: "Errors",
  description: "Every error code the sandbox API and portal return, what it means and what to do.",
};

/** Hints mark code with backticks; render those parts as code. */
function Hint({ text }: { text: string }) {
  return <>{text.split("`").map((part, index) => (index % 2 ? <Code key={index}>{part}</Code> : part))}</>;
}

const tone = (status: number): BadgeTone => (status >= 500 ? "danger" : status === 429 ? "warning" : "neutral");

const example = `HTTP/1.1 404 Not Found
Content-Type: application/problem+json
X-Request-Id: req_4Kq9…

{
  "type": "https://…/docs/errors#resource_not_found",
  "title": "No such resource",
  "status": 404,
  "detail": "No account acc_… in this sandbox.",
  "code": "resource_not_found",
  "request_id": "req_4Kq9…"
}`;

/** Rendered from the error catalog in lib/errors.ts: every code that exists is documented here. */
export default function ErrorsPage() {
  const codes = Object.keys(catalog) as ErrorCode[];
  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10 sm:px-6">
      <PageHeader
        eyebrow="Docs"
        title="Errors"
        description={
          <>
            Every error is an RFC 9457 <Code>application/problem+json</Code> body with a stable <Code>code</Code> to branch on, the{" "}
            <Code>request_id</Code> (also in the <Code>X-Request-Id</Code> header) and, for invalid input, <Code>errors[]</Code> with a JSON
            pointer per field.
          </>
        }
      />
      <div className="mt-6">
        <CodeBlock code={example} language="http" />
      </div>
      <ul className="mt-10 divide-y divide-border rounded-xl border border-border bg-surface">
        {codes.map((code) => (
          <li key={code} id={code} className="scroll-mt-24 p-5 target:bg-primary-soft">
            <div className="flex flex-wrap items-center gap-3">
              <a href={`#${code}`} className="font-mono text-sm font-semibold text-fg hover:underline">
                {code}
              </a>
              <Badge tone={tone(catalog[code].status)}>{catalog[code].status}</Badge>
            </div>
            <p className="mt-1 font-medium text-fg">{catalog[code].title}</p>
            <p className="mt-1 text-sm text-fg-muted"><Hint text={catalog[code].hint} /></p>
          </li>
        ))}
      </ul>
    </div>
  );
}
