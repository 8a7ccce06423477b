import { getOpenApiDocument } from "../docs/get-openapi-document";

export type RouteMatcher = (method: string, path: string) => string | null;

type Compiled = { template: string; pattern: RegExp; params: number };

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"];

/** A matcher from OpenAPI `paths`: "/v1/accounts/acc_123?x=1" → "/v1/accounts/{account_id}". */
export function compileRouteMatcher(paths: Record<string, Record<string, unknown>>): RouteMatcher {
  const byMethod = new Map<string, Compiled[]>();
  for (const [template, operations] of Object.entries(paths)) {
    const source = template
      .split("/")
      .map((segment) => (/^\{[^}]+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    const compiled = { template, pattern: new RegExp(`^${source}/?$`), params: (template.match(/\{/g) ?? []).length };
    for (const method of Object.keys(operations).filter((name) => METHODS.includes(name))) {
      const list = byMethod.get(method.toUpperCase()) ?? [];
      list.push(compiled);
      byMethod.set(method.toUpperCase(), list);
    }
  }
  // Literal segments win over parameters: /v1/sandbox/clock before /v1/sandbox/{x}.
  for (const list of byMethod.values()) list.sort((a, b) => a.params - b.params);
  return (method, path) => {
    const pathname = path.split("?")[0];
    const candidates = byMethod.get(method === "HEAD" ? "GET" : method) ?? [];
    return candidates.find((candidate) => candidate.pattern.test(pathname))?.template ?? null;
  };
}

let loaded: { matcher: RouteMatcher; at: number } | undefined;
const RELOAD_MS = 5 * 60_000;

/** The matcher for the bank's current contract, reloaded every few minutes; null if the bank is unreachable. */
export async function currentRouteMatcher(): Promise<RouteMatcher | null> {
  if (loaded && Date.now() - loaded.at < RELOAD_MS) return loaded.matcher;
  try {
    const doc = await getOpenApiDocument();
    loaded = { matcher: compileRouteMatcher((doc.paths ?? {}) as Record<string, Record<string, unknown>>), at: Date.now() };
    return loaded.matcher;
  } catch {
    return loaded?.matcher ?? null;
  }
}
