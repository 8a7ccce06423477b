import type { Metadata } from "next";
import { ApiReference } from "@/components/docs/api-reference";
import { loadDocsReplay } from "@/lib/request-logs/load-docs-replay";
import { Code } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { getSandboxReference } from "@/lib/docs/get-sandbox-reference";
import { env } from "@/lib/env";

export const metadata: Metadata = {
  title: "API reference",
  description: "Every endpoint of the Open Bank sandbox, with Try-it-out authorised by your own sandbox key.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ApiReferencePage({ searchParams }: Props) {
  const user = await getCurrentUser();
  // Personas for "Authorise as persona"; the docs still render if the bank is down.
  const personas = await getSandboxReference()
    .then((reference) => reference.personas.map((persona) => ({ key: persona.key, display_name: persona.display_name })))
    .catch(() => []);
  const { replay: requestId, app: appId } = await searchParams;
  // "Open in docs" from a request log: only the developer's own apps' logs can be replayed.
  const replay =
    user && typeof requestId === "string" && typeof appId === "string" ? await loadDocsReplay({ userId: user.id, appId, requestId }) : null;
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6 sm:py-10">
      <PageHeader
        eyebrow="Docs"
        title="API reference"
        description={
          <>
            Calls go to <Code className="break-all">{env().PORTAL_URL}/v1</Code>, through the gateway, into your app&apos;s own
            sandbox bank with seeded test customers. Pick a key below and use <strong className="font-semibold text-fg">Try it out</strong>{" "}
            on any endpoint; for customer-data endpoints, <strong className="font-semibold text-fg">Authorise as persona</strong> runs them with a
            test customer&apos;s consent (see the{" "}
            <a className="font-medium text-primary underline-offset-4 hover:underline" href="/docs/consent-flow">
              consent-flow guide
            </a>
            ). The contract is also available as{" "}
            <a className="font-medium text-primary underline-offset-4 hover:underline" href="/openapi.json">
              OpenAPI 3.1 JSON
            </a>
            .
          </>
        }
      />
      <ApiReference signedIn={Boolean(user)} personas={personas} replay={replay} />
    </div>
  );
}
