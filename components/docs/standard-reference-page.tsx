import Link from "next/link";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { ApiReference } from "@/components/docs/api-reference";
import { initialCredential } from "@/components/docs/docs-credential";
import { InlineMarkdown } from "@/components/docs/inline-markdown";
import { OperationList } from "@/components/docs/operation-list";
import type { CustomerTokenCall } from "@/components/docs/standard-calls";
import { Breadcrumbs } from "@/components/guides/breadcrumbs";
import { Alert } from "@/components/ui/alert";
import { Code } from "@/components/ui/code";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { HTTP_METHODS, listApiAreas, type OpenApiDocumentLike, type OpenApiOperationObject } from "@/lib/docs/api-areas";
import { DOCS_CHOICE_COOKIE, parseDocsChoice } from "@/lib/docs/docs-choice";
import { loadDocsKey } from "@/lib/docs/load-docs-key";
import { getOpenApiDocumentOrNull } from "@/lib/docs/load-api-reference";
import type { StandardReference } from "@/lib/docs/standard-references";

const link = "font-medium text-primary underline-offset-4 hover:underline";

/** Operations the customer's token calls (the document's PSUOAuth2Security / BearerAuthOAuth), as full paths on this origin. */
function customerTokenCalls(document: OpenApiDocumentLike): CustomerTokenCall[] {
  const serverPath = new URL(document.servers?.[0]?.url ?? "/", "http://portal.invalid").pathname.replace(/\/$/, "");
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => {
      const security = (item[method] as OpenApiOperationObject | undefined)?.security ?? [];
      return security.length > 0 && security.every((requirement) => "PSUOAuth2Security" in requirement || "BearerAuthOAuth" in requirement);
    }).map((method) => ({ method: method.toUpperCase(), path: `${serverPath}${path}` })),
  );
}

/** How a standard's calls are authorised, in its own terms. */
function Authorisation({ standard, baseUrl }: { standard: StandardReference; baseUrl: string }): ReactNode {
  if (standard.key === "uk-open-banking")
    return (
      <ul className="flex list-disc flex-col gap-2 pl-5 text-sm text-fg-muted">
        <li>
          <strong className="font-semibold text-fg">The app&apos;s own calls</strong> (consents, payment status): a client-credentials token
          of your app&apos;s OAuth client from <Code>{baseUrl}/oauth/token</Code> with the API&apos;s scope (<Code>accounts</Code>,{" "}
          <Code>payments</Code>, <Code>fundsconfirmations</Code>). The sandbox also takes your key there, which Try it out uses.
        </li>
        <li>
          <strong className="font-semibold text-fg">The customer&apos;s calls</strong> (accounts, payments): the customer&apos;s token for
          one consent: push the authorization request to <Code>/oauth/par</Code> naming the consent as <Code>openbanking_intent_id</Code>,
          the customer approves at the bank, then <Code>/oauth/token</Code>. Paste it below to try those calls.
        </li>
        <li>
          <Code>x-fapi-interaction-id</Code> comes back on every answer; payment POSTs need <Code>x-idempotency-key</Code>; with message
          signing on, requests carry <Code>x-jws-signature</Code> and answers are signed. Errors are <Code>OBErrorResponse1</Code>.
        </li>
      </ul>
    );
  return (
    <ul className="flex list-disc flex-col gap-2 pl-5 text-sm text-fg-muted">
      <li>
        <strong className="font-semibold text-fg">Your app&apos;s key</strong> (or a client-credentials token of its OAuth client) stands in
        for the TPP&apos;s eIDAS certificate, which a real bank reads from the TLS connection. Try it out uses your key.
      </li>
      <li>
        Every request carries <Code>X-Request-ID</Code> (a UUID; Try it out makes a fresh one). Account calls name the consent in{" "}
        <Code>Consent-ID</Code>; <Code>PSU-ID</Code>, <Code>TPP-Redirect-URI</Code>, <Code>TPP-Decoupled-Preferred</Code> and{" "}
        <Code>TPP-Redirect-Preferred</Code> choose the SCA approach.
      </li>
      <li>
        <strong className="font-semibold text-fg">DECOUPLED SCA</strong>: the customer approves in their banking app; in the sandbox,{" "}
        <Code>POST /v1/sandbox/berlin-group/authorisations/&#123;authorisationId&#125;</Code> with your key does it for them. Errors carry{" "}
        <Code>tppMessages</Code>.
      </li>
    </ul>
  );
}

/**
 * A standard's API reference: what it is and how its calls are authorised, its operations by
 * group (server-rendered, each a deep link), the downloads, then Swagger UI over its generated
 * document with Try-it-out through the gateway with the developer's own key.
 */
export async function StandardReferencePage({ standard }: { standard: StandardReference }) {
  const cookieStore = await cookies();
  const [document, user] = await Promise.all([getOpenApiDocumentOrNull(standard.key), getCurrentUser()]);
  const { keys, pick } = await loadDocsKey({
    userId: user?.id ?? null,
    choice: parseDocsChoice(cookieStore.get(DOCS_CHOICE_COOKIE)?.value),
  });
  const areas = document ? listApiAreas(document) : [];
  const operationCount = areas.reduce((total, area) => total + area.operations.length, 0);
  const baseUrl = document?.servers?.[0]?.url ?? "";
  const origin = baseUrl ? new URL(baseUrl).origin : "";
  const customerCalls = document ? customerTokenCalls(document) : [];

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-8 sm:px-6 sm:py-10">
      <div className="flex flex-col gap-4">
        <Breadcrumbs
          crumbs={[{ label: "Docs", href: "/docs" }, { label: "API reference", href: "/docs/api" }, { label: standard.label }]}
        />
        <header>
          <h1 className="text-2xl font-semibold tracking-tight text-fg sm:text-3xl">{standard.title}</h1>
          <p className="mt-2 max-w-3xl text-fg-muted">{standard.summary}</p>
          {document && (
            <p className="mt-2 max-w-3xl text-fg-muted">
              {`${operationCount} ${operationCount === 1 ? "operation" : "operations"} in ${areas.length} ${areas.length === 1 ? "group" : "groups"}. `}
              Calls go to <Code className="break-all">{baseUrl}</Code>, through the gateway, into your app&apos;s own sandbox: the same test
              customers, ledger and consents as <Code>/v1</Code>.
            </p>
          )}
        </header>
      </div>

      {!document ? (
        <Alert tone="error" title="The reference is unavailable">
          It is generated by the sandbox bank, which is not reachable right now. Try again in a minute.
        </Alert>
      ) : (
        <>
          <div className="grid gap-6 lg:grid-cols-2">
            <section
              aria-labelledby="auth-title"
              className="flex flex-col gap-3 rounded-card border border-border bg-surface p-5 shadow-card"
            >
              <h2 id="auth-title" className="text-lg font-semibold text-fg">
                How calls are authorised
              </h2>
              <Authorisation standard={standard} baseUrl={origin} />
            </section>
            <section
              aria-labelledby="downloads-title"
              className="flex flex-col gap-3 rounded-card border border-border bg-surface p-5 shadow-card"
            >
              <h2 id="downloads-title" className="text-lg font-semibold text-fg">
                Downloads and guide
              </h2>
              <p className="text-sm text-fg-muted">Generated from the schemas the bank validates these requests with.</p>
              <ul className="flex flex-col gap-2 text-sm" data-testid="standard-downloads">
                <li>
                  <a className={link} href={standard.openapiHref}>
                    OpenAPI 3.1 (JSON)
                  </a>{" "}
                  <span className="break-all text-fg-muted">· {standard.openapiHref}</span>
                </li>
                <li>
                  <a className={link} href={standard.yamlHref}>
                    OpenAPI 3.1 (YAML)
                  </a>{" "}
                  <span className="break-all text-fg-muted">· {standard.yamlHref}</span>
                </li>
                <li>
                  <a className={link} href={standard.postmanHref} download>
                    Postman collection (v2.1)
                  </a>{" "}
                  <span className="text-fg-muted">· the flow, a folder per step</span>
                </li>
                <li>
                  <Link className={link} href={standard.guideHref}>
                    The guide
                  </Link>{" "}
                  <span className="text-fg-muted">· consent → authorise → call, in curl, Node and Python</span>
                </li>
                <li>
                  <a className={link} href={standard.specificationUrl} rel="noopener noreferrer">
                    The standard&apos;s own specification
                  </a>
                </li>
              </ul>
            </section>
          </div>

          <section aria-labelledby="operations-title" className="flex flex-col gap-5">
            <h2 id="operations-title" className="text-lg font-semibold text-fg">
              Operations
            </h2>
            {areas.length === 0 ? (
              <p className="text-sm text-fg-muted">No operation of this standard is in the sandbox yet.</p>
            ) : (
              areas.map((area) => (
                <section key={area.slug} aria-labelledby={`area-${area.slug}`} className="flex flex-col gap-2">
                  <h3 id={`area-${area.slug}`} className="text-base font-semibold text-fg">
                    {area.tag}
                  </h3>
                  {area.description && (
                    <p className="max-w-3xl text-sm text-fg-muted">
                      <InlineMarkdown text={area.description} />
                    </p>
                  )}
                  <OperationList operations={area.operations} />
                </section>
              ))
            )}
          </section>

          <section aria-labelledby="try-title" className="flex flex-col gap-3">
            <h2 id="try-title" className="text-lg font-semibold text-fg">
              Try it out
            </h2>
            <ApiReference
              specUrl={standard.openapiHref}
              signedIn={Boolean(user)}
              keys={keys}
              initial={initialCredential(pick)}
              personas={[]}
              customerTokenCalls={customerCalls.length ? customerCalls : undefined}
            />
          </section>
        </>
      )}
    </div>
  );
}
