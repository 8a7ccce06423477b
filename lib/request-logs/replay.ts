import type { RequestLogDetailDto } from "./get-request-log";

/** Request headers worth replaying; the credential is never among them. */
const REPLAY_HEADERS = ["content-type", "idempotency-key", "sandbox-scenario", "accept"];

export const KEY_PLACEHOLDER = "$SANDBOX_KEY";

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The logged call as a curl command against the portal's gateway. The key is a shell
 * variable to fill in: logs never hold it. Masked values stay masked ([REDACTED], ****).
 */
export function curlForLog(log: Pick<RequestLogDetailDto, "method" | "path" | "request">, portalUrl: string): string {
  const lines = [
    `curl -X ${log.method} ${shellQuote(portalUrl.replace(/\/$/, "") + log.path)}`,
    `  -H "Authorization: Bearer ${KEY_PLACEHOLDER}"`,
  ];
  for (const name of REPLAY_HEADERS) {
    const value = log.request.headers[name];
    if (value && !(name === "accept" && value === "*/*")) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (log.request.body !== null && !/^\[.* not stored\]$/.test(log.request.body)) lines.push(`  --data ${shellQuote(log.request.body)}`);
  return lines.join(" \\\n");
}

export type DocsReplay = {
  request_id: string;
  method: string;
  route: string;
  path_params: Record<string, string>;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body: string | null;
};

/** Values of a template's `{params}` in a concrete path, or null if it does not match. */
export function extractPathParams(template: string, path: string): Record<string, string> | null {
  const templateParts = template.split("/");
  const pathParts = path.split("?")[0].split("/");
  if (templateParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < templateParts.length; i++) {
    const name = /^\{([^}]+)\}$/.exec(templateParts[i])?.[1];
    if (name) params[name] = decodeURIComponent(pathParts[i]);
    else if (templateParts[i] !== pathParts[i]) return null;
  }
  return params;
}

/** What the API reference needs to prefill Try-it-out with a logged call; null if no documented route matched. */
export function docsReplayFor(log: Pick<RequestLogDetailDto, "id" | "method" | "path" | "route" | "request">): DocsReplay | null {
  if (!log.route) return null;
  const pathParams = extractPathParams(log.route, log.path);
  if (!pathParams) return null;
  const queryIndex = log.path.indexOf("?");
  const query = queryIndex < 0 ? [] : [...new URLSearchParams(log.path.slice(queryIndex + 1))];
  const headers: Record<string, string> = {};
  for (const name of ["idempotency-key", "sandbox-scenario"]) if (log.request.headers[name]) headers[name] = log.request.headers[name];
  return { request_id: log.id, method: log.method, route: log.route, path_params: pathParams, query, headers, body: log.request.body };
}
