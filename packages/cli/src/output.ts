import type { Context } from "./context.js";
import { CliError, EXIT, type ExitCode } from "./errors.js";

/**
 * Prints a command's result: with --json, the data as one JSON document on stdout (scripts
 * parse it); otherwise the human text. Every command ends through here or through `fail`.
 */
export function print(context: Pick<Context, "json">, data: unknown, human: () => string): void {
  process.stdout.write(context.json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

/** One line of a stream (listen, logs tail): with --json, one JSON object per line (NDJSON). */
export function printLine(context: Pick<Context, "json">, data: unknown, human: () => string): void {
  process.stdout.write(context.json ? `${JSON.stringify(data)}\n` : `${human()}\n`);
}

/** A table of rows as aligned columns, or "(none)" with a hint when empty. */
export function table(rows: Record<string, unknown>[], columns: string[], empty = "(none)"): string {
  if (!rows.length) return empty;
  const cell = (value: unknown) => (value === null || value === undefined ? "-" : String(value));
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index]))
      .join("  ")
      .trimEnd();
  return [line(columns.map((column) => column.toUpperCase())), ...rows.map((row) => line(columns.map((column) => cell(row[column]))))].join(
    "\n",
  );
}

/**
 * Reports a failure on stderr and gives the exit code: the problem's title, detail and
 * request id (or, with --json, `{ "error": { … } }`), so a script or a person can act on it.
 */
export function fail(context: Pick<Context, "json">, error: unknown): ExitCode {
  const cliError = error instanceof CliError ? error : new CliError(error instanceof Error ? error.message : String(error));
  const problem = cliError.problem;
  if (context.json) {
    process.stderr.write(`${JSON.stringify({ error: { message: cliError.message, exit_code: cliError.exitCode, ...problem } })}\n`);
    return cliError.exitCode;
  }
  const lines = [
    `Error: ${problem?.title ?? cliError.message}${problem?.status ? ` (${problem.status}${problem.code ? ` ${problem.code}` : ""})` : ""}`,
  ];
  if (problem?.detail) lines.push(problem.detail);
  for (const field of problem?.errors ?? []) lines.push(`  ${field.pointer ?? ""}: ${field.detail ?? ""}`);
  if (problem?.request_id) lines.push(`Request id: ${problem.request_id}`);
  process.stderr.write(`${lines.join("\n")}\n`);
  return cliError.exitCode;
}

export { EXIT };
