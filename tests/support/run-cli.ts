import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type CliRun = {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document (a command run with --json); throws with the output if it is not. */
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** stderr parsed as the `{ error: … }` document a failing command prints with --json. */
  errorJson<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
};

const BIN = path.resolve(import.meta.dirname, "../../packages/cli/bin/openbank.mjs");

/** The environment variables the CLI reads: none leaks in from the shell running the suite. */
const CLI_VARIABLES = ["OPENBANK_TOKEN", "OPENBANK_API_KEY", "OPENBANK_URL", "OPENBANK_APP", "OPENBANK_PROFILE", "OPENBANK_CONFIG_DIR"];

function parse(text: string, what: string) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not JSON:\n${text}`);
  }
}

/**
 * The built CLI (`npm run cli:build`) as a user runs it: `node packages/cli/bin/openbank.mjs`,
 * a child process with its own config folder (`OPENBANK_CONFIG_DIR`, so `apps use` and logins
 * stay in the test) and `OPENBANK_URL` = the suite's portal. stdin is not a terminal, so
 * destructive commands need `--yes`, as in CI.
 */
export class Cli {
  readonly configDir = mkdtempSync(path.join(tmpdir(), "openbank-cli-"));

  constructor(
    readonly portalUrl: string,
    readonly env: Record<string, string | undefined> = {},
  ) {}

  run(
    args: string[],
    options: { env?: Record<string, string | undefined>; timeoutMs?: number; onSpawn?: (child: ChildProcess) => void } = {},
  ): Promise<CliRun> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of CLI_VARIABLES) delete env[name];
    Object.assign(env, { OPENBANK_CONFIG_DIR: this.configDir, OPENBANK_URL: this.portalUrl, NO_COLOR: "1" }, this.env, options.env);
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
      options.onSpawn?.(child); // a test that signals it (^C) or reads it as it goes
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
      child.on("error", reject);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({
          code: code ?? (signal ? 128 : 1),
          stdout,
          stderr,
          json: () => parse(stdout, `stdout of openbank ${args.join(" ")} (exit ${code}, stderr: ${stderr})`),
          errorJson: () => parse(stderr, `stderr of openbank ${args.join(" ")} (exit ${code})`),
        });
      });
    });
  }

  /** Removes the config folder. */
  dispose(): void {
    rmSync(this.configDir, { recursive: true, force: true });
  }
}

/** One run with a fresh config folder. */
export async function runCli(portalUrl: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const cli = new Cli(portalUrl, env);
  try {
    return await cli.run(args);
  } finally {
    cli.dispose();
  }
}
