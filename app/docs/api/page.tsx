import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DocsKeyStatus } from "@/components/docs/docs-key-status";
import { Breadcrumbs } from "@/components/guides/breadcrumbs";
import { Alert } from "@/components/ui/alert";
import { Code, CodeBlock } from "@/components/ui/code";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { findAreaOfOperation, listApiAreas } from "@/lib/docs/api-areas";
import { DOCS_CHOICE_COOKIE, parseDocsChoice } from "@/lib/docs/docs-choice";
import { loadDocsKey } from "@/lib/docs/load-docs-key";
import { getOpenApiDocumentOrNull } from "@/lib/docs/load-api-reference";
import { STANDARD_REFERENCES } from "@/lib/docs/standard-references";
import { env } from "@/lib/env";
import { loadDocsReplay } from "@/lib/request-logs/load-docs-replay";

export const metadata: Metadata = {
  title: "API reference",
  description:
    "Every product area of the Open Bank sandbox API, with Try-it-out authorised by your own sandbox key, and the OpenAPI, Postman and TypeScript downloads.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const CLIENT_SAMPLE = (baseUrl: string) => `import { createSandboxClient } from "@openbank/sandbox-client";

const bank = createSandboxClient({ baseUrl: "${baseUrl}", apiKey: process.env.SANDBOX_KEY });
const { data, error } = await bank.GET("/v1/accounts", { params: { query: { limit: 3 } } });
if (error) throw new Error(\`\${error.code}: \${error.detail}\`);`;

const link = "font-medium text-primary underline-offset-4 hover:underline";

/** The API reference's front page: the product areas, how calls are authorised, the downloads. */
export default async function ApiReferencePage({ searchParams }: Props) {
  // The request first: it makes the page dynamic, so `next build` never renders it without a portal.
  const cookieStore = await cookies();
  const [document, user] = await Promise.all([getOpenApiDocumentOrNull(), getCurrentUser()]);
  const { replay: requestId, app: appId } = await searchParams;
  // "Open in docs" from a request log lands on the area page that documents the call.
  if (document && user && typeof requestId === "string" && typeof appId === "string") {
    const replay = await loadDocsReplay({ userId: user.id, appId, requestId });
    const area = replay && findAreaOfOperation(document, replay.method, replay.route);
    if (area) redirect(`/docs/api/${area.slug}?${new URLSearchParams({ replay: requestId, app: appId })}`);
  }
  // The key every area's Try-it-out will start with; an app page's "API docs" link names its app,
  // and the area links pass that on.
  const cameFrom = typeof appId === "string" ? { appId } : null;
  const { pick } = await loadDocsKey({
    userId: user?.id ?? null,
    cameFrom,
    choice: parseDocsChoice(cookieStore.get(DOCS_CHOICE_COOKIE)?.value),
  });
  const areaQuery = pick.kind === "key" && pick.source === "came-from" ? `?${new URLSearchParams({ app: pick.key.app_id })}` : "";
  const areas = document ? listApiAreas(document) : [];
  const operationCount = areas.reduce((total, area) => total + area.operations.length, 0);
  const baseUrl = env().PORTAL_URL;

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-10 px-4 py-8 sm:px-6 sm:py-10">
      <div className="flex flex-col gap-4">
        <Breadcrumbs crumbs={[{ label: "Docs", href: "/docs" }, { label: "API reference" }]} />
        <header>
          <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">API reference</h1>
          <p className="mt-2 max-w-3xl text-fg-muted">
            {operationCount ? `${operationCount} operations in ${areas.length} product areas. ` : ""}Calls go to{" "}
            <Code className="break-all">{baseUrl}/v1</Code>, through the gateway, into your app&apos;s own sandbox bank with seeded test
            customers. Every area page has <strong className="font-semibold text-fg">Try it out</strong>, authorised with your own key.
          </p>
        </header>
      </div>

      <section aria-labelledby="areas-title" className="flex flex-col gap-4">
        <h2 id="areas-title" className="text-lg font-semibold text-fg">
          Product areas
        </h2>
        {document ? (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="api-areas">
            {areas.map((area) => (
              <li key={area.slug}>
                <Link
                  href={`/docs/api/${area.slug}${areaQuery}`}
                  className="flex h-full flex-col gap-2 rounded-card border border-border bg-surface p-4 shadow-card transition-colors hover:border-primary"
                >
                  <span className="flex items-baseline justify-between gap-3">
                    <span className="font-semibold text-fg">{area.tag}</span>
                    <span className="shrink-0 text-xs text-fg-muted">
                      {`${area.operations.length} ${area.operations.length === 1 ? "operation" : "operations"}`}
                    </span>
                  </span>
                  <span className="text-sm text-fg-muted">{area.summary}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Alert tone="error" title="The API reference is unavailable">
            It is generated by the sandbox bank, which is not reachable right now. Try again in a minute.
          </Alert>
        )}
      </section>

      <section aria-labelledby="standards-title" className="flex flex-col gap-4">
        <div>
          <h2 id="standards-title" className="text-lg font-semibold text-fg">
            Open-banking standards
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-fg-muted">
            The same sandbox speaks the standards banks publish, over the same customers, ledger and consents as <Code>/v1</Code>: a payment
            made through one shows in the others. Each has its own reference, OpenAPI document and Postman collection.
          </p>
        </div>
        <ul className="grid gap-4 sm:grid-cols-2" data-testid="api-standards">
          {STANDARD_REFERENCES.map((standard) => (
            <li key={standard.key}>
              <Link
                href={standard.docsHref}
                className="flex h-full flex-col gap-2 rounded-card border border-border bg-surface p-4 shadow-card transition-colors hover:border-primary"
              >
                <span className="font-semibold text-fg">{standard.title}</span>
                <span className="text-sm text-fg-muted">{standard.summary}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="auth-title" className="flex flex-col gap-3 rounded-card border border-border bg-surface p-5 shadow-card">
          <h2 id="auth-title" className="text-lg font-semibold text-fg">
            How calls are authorised
          </h2>
          <DocsKeyStatus pick={pick} signedIn={Boolean(user)} />
          <ul className="flex list-disc flex-col gap-2 pl-5 text-sm text-fg-muted">
            <li>
              <strong className="font-semibold text-fg">Your app&apos;s sandbox key</strong> as a bearer token:{" "}
              <Code>Authorization: Bearer sk_sandbox_…</Code>. It reaches only your app&apos;s sandbox. Create and roll keys on your{" "}
              <Link className={link} href="/dashboard">
                app&apos;s page
              </Link>
              .
            </li>
            <li>
              <strong className="font-semibold text-fg">A customer&apos;s consent token</strong> (from <Code>/oauth/token</Code>, or{" "}
              <Code>oat_…</Code> from the sandbox shortcut) for customer data: it reaches only the accounts and permissions the customer
              granted. See the{" "}
              <Link className={link} href="/docs/guides/consent-flow">
                consent flow
              </Link>
              .
            </li>
            <li>
              <strong className="font-semibold text-fg">In Try it out</strong>, signed in, you call with a key of your own from the start:
              the app you came from, else your most recently used app&apos;s newest key (the secret never reaches the page). Pick another or
              paste one: the choice follows you across areas. <strong className="font-semibold text-fg">Authorise as persona</strong> runs
              customer-data calls with a test customer&apos;s consent.
            </li>
            <li>
              Calls that create things or move money need an <Code>Idempotency-Key</Code> header; errors are{" "}
              <Link className={link} href="/docs/errors">
                problem+json
              </Link>{" "}
              with a stable <Code>code</Code>.
            </li>
          </ul>
        </section>

        <section
          aria-labelledby="downloads-title"
          className="flex flex-col gap-3 rounded-card border border-border bg-surface p-5 shadow-card"
        >
          <h2 id="downloads-title" className="text-lg font-semibold text-fg">
            Downloads
          </h2>
          <p className="text-sm text-fg-muted">Generated from the same OpenAPI 3.1 document the bank validates requests with.</p>
          <ul className="flex flex-col gap-2 text-sm" data-testid="api-downloads">
            <li>
              <a className={link} href="/openapi.json">
                OpenAPI 3.1 (JSON)
              </a>{" "}
              <span className="text-fg-muted">· /openapi.json</span>
            </li>
            <li>
              <a className={link} href="/openapi.yaml">
                OpenAPI 3.1 (YAML)
              </a>{" "}
              <span className="text-fg-muted">· /openapi.yaml</span>
            </li>
            <li>
              <a className={link} href="/postman_collection.json" download>
                Postman collection (v2.1)
              </a>{" "}
              <span className="text-fg-muted">
                · a folder per area; set <Code>sandboxKey</Code> in its variables
              </span>
            </li>
          </ul>
          <h3 className="mt-2 text-sm font-semibold text-fg">Typed TypeScript client</h3>
          <p className="text-sm text-fg-muted">
            <Code>@openbank/sandbox-client</Code> (openapi-fetch with types generated from the document) lives in the portal repository
            under <Code>packages/sandbox-client</Code>; the guides&apos; Node samples use it.
          </p>
          <CodeBlock code={CLIENT_SAMPLE(baseUrl)} title="Node / TypeScript" copyLabel="client sample" />
        </section>
      </div>
    </div>
  );
}
