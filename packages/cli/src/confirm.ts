import { createInterface } from "node:readline/promises";
import { CliError, EXIT, usageError } from "./errors.js";

/**
 * A destructive command's consent: `--yes`, or a "y" typed at a terminal. Without a terminal
 * (CI, a pipe) and without `--yes` it refuses (exit 2) rather than guess; answering anything
 * but y/yes at the prompt cancels (exit 1).
 */
export async function confirm(question: string, options: { yes?: boolean }): Promise<void> {
  if (options.yes) return;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw usageError(`${question} Not on a terminal, so pass --yes to confirm.`);
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await prompt.question(`${question} [y/N] `)).trim().toLowerCase();
    if (answer !== "y" && answer !== "yes") throw new CliError("Cancelled: nothing was changed.", EXIT.failed);
  } finally {
    prompt.close();
  }
}
