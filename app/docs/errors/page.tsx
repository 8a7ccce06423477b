import type { Metadata } from "next";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Code, CodeBlock } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { bankErrors, portalErrors, sharedErrors, type ErrorInfo } from "@openbank/contracts/errors";

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

const groups: { id: string; title: string; lead: string; codes: Record<string, ErrorInfo> }[] = [
  {
    id: "any-surface",
    title: "Any request",
    lead: "Request shape, routing, limits and the bank's availability: any endpoint may answer these.",
    codes: sharedErrors,
  },
  {
    id: "credentials-and-portal",
    title: "Credentials and the portal",
    lead: "Keys, tokens and sessions checked by the gateway, and the portal's own API (teams, invitations, go-live).",
    codes: portalErrors,
  },
  {
    id: "sandbox-bank",
    title: "The sandbox bank",
    lead: "Customers, accounts, money movement, lending, insurance, consents and idempotency.",
    codes: bankErrors,
  },
];

/** Rendered from the error catalogue in @openbank/contracts (packages/contracts): every code that exists is documented here. */
export default function ErrorsPage() {
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
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={group.id} className="mt-10">
          <h2 id={group.id} className="text-lg font-semibold text-fg">
            {group.title}
          </h2>
          <p className="mt-1 text-sm text-fg-muted">{group.lead}</p>
          <ul className="mt-4 divide-y divide-border rounded-xl border border-border bg-surface">
            {Object.entries(group.codes).map(([code, info]) => (
              <li key={code} id={code} className="scroll-mt-24 p-5 target:bg-primary-soft">
                <div className="flex flex-wrap items-center gap-3">
                  <a href={`#${code}`} className="font-mono text-sm font-semibold text-fg hover:underline">
                    {code}
                  </a>
                  <Badge tone={tone(info.status)}>{info.status}</Badge>
                </div>
                <p className="mt-1 font-medium text-fg">{info.title}</p>
                <p className="mt-1 text-sm text-fg-muted">
                  <Hint text={info.hint} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
