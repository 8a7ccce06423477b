import type { FastifyPluginAsync } from "fastify";
import { buildSandboxReference, type MagicValue, type SandboxControl } from "../domain/sandbox/sandbox-reference";

type Operation = { tags?: string[]; summary?: string; description?: string };

/** The sandbox operations as documented (so the reference says what the API says). */
function sandboxControls(document: unknown): SandboxControl[] {
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.tags?.includes("Sandbox"))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, summary: operation.summary ?? "", description: operation.description ?? "" })),
  );
}

/** Magic values of other areas, as their modules define them. */
const magicValues: MagicValue[] = [];

/** Personas, scenario values, magic values and sandbox controls; public, like /openapi.json. */
const sandboxReference: FastifyPluginAsync = async (app) => {
  let cached: ReturnType<typeof buildSandboxReference> | undefined;
  app.get("/sandbox-reference.json", { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    cached ??= buildSandboxReference({ controls: sandboxControls(app.swagger()), magicValues });
    reply.header("cache-control", "no-cache");
    return cached;
  });
};

export default sandboxReference;
