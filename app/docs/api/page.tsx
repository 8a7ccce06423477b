import type { Metadata } from "next";
import { ApiReference } from "@/components/docs/api-reference";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { env } from "@/lib/env";

export const metadata: Metadata = {
  title: "API reference",
  description: "Every endpoint of the Open Bank sandbox, with Try-it-out authorised by your own sandbox key.",
};

export default async function ApiReferencePage() {
  const user = await getCurrentUser();
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6">
      <header className="mb-6">
        <p className="text-sm font-medium text-primary">Docs</p>
        <h1 className="mt-1 text-3xl font-semibold tracking-tight text-fg">API reference</h1>
        <p className="mt-2 max-w-3xl text-fg-muted">
          Calls go to <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-sm">{env().PORTAL_URL}/v1</code>, through the gateway, into your
          app&apos;s own sandbox bank with seeded test customers. Pick a key below and use <strong>Try it out</strong> on any endpoint. The
          contract is also available as <a className="text-primary underline-offset-2 hover:underline" href="/openapi.json">OpenAPI 3.1 JSON</a>.
        </p>
      </header>
      <ApiReference signedIn={Boolean(user)} />
    </div>
  );
}
