/** A portal API error as the browser receives it (RFC 9457 problem+json). */
export type Problem = {
  title?: string;
  detail?: string;
  code?: string;
  status?: number;
  request_id?: string;
  errors?: Array<{ pointer: string; detail: string }>;
};

/** A failed answer's parsed body as a problem, or a stand-in when it is none (a proxy's HTML 502, say). */
export function asProblem(body: unknown, status: number): Problem {
  const problem = body as Problem | null;
  if (problem && typeof problem === "object" && (problem.title || problem.detail)) return problem;
  return { status, title: `The server answered ${status}` };
}

/**
 * `errors[]` keyed by pointer below `root`: `/body/redirect_uris/1` → `redirect_uris/1`.
 * The first message per pointer wins. Pointers outside `root` are returned as `rest`.
 */
export function fieldErrors(problem: Problem, root = "/body"): { fields: Record<string, string>; rest: string[] } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const error of problem.errors ?? []) {
    if (error.pointer.startsWith(`${root}/`)) fields[error.pointer.slice(root.length + 1)] ??= error.detail;
    else rest.push(error.detail);
  }
  return { fields, rest };
}

/** One sentence for a banner: the detail, with the request id to quote to support. */
export function problemMessage(problem: Problem): string {
  const text = problem.detail ?? problem.title ?? "Something went wrong.";
  return problem.request_id ? `${text} (request ${problem.request_id})` : text;
}
