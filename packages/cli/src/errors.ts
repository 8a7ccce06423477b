/**
 * How the CLI ends, as documented in the CLI guide: scripts branch on these.
 *   0 done · 1 the API refused (a problem) or something failed · 2 usage: a bad flag, argument
 *   or override · 3 not signed in, or the credential is unknown, expired or revoked ·
 *   4 the portal could not be reached.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, unauthenticated: 3, unreachable: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An RFC 9457 problem the portal or the sandbox answered with. */
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  request_id?: string;
  errors?: { pointer?: string; detail?: string }[];
};

/** A failure the CLI reports and exits on: the problem's title, detail and request id, and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failed,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = "CliError";
  }

  /** An API answer that is not 2xx, from its problem+json body (or whatever came back). */
  static fromProblem(status: number, body: unknown, requestId?: string | null): CliError {
    const problem: Problem =
      body && typeof body === "object"
        ? { ...(body as Problem) }
        : { title: `HTTP ${status}`, status, detail: typeof body === "string" ? body.slice(0, 500) : undefined };
    problem.status ??= status;
    problem.request_id ??= requestId ?? undefined;
    const exitCode = status === 401 ? EXIT.unauthenticated : EXIT.failed;
    return new CliError(problem.title ?? `HTTP ${status}`, exitCode, problem);
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);
