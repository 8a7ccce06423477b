import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The one way the suites run the built CLI (`npm run cli:build`) as a user does:
 * `node packages/cli/bin/openbank.mjs`, a child process. `Cli.run` for a command that ends,
 * `CliProcess` for one that keeps running (`listen`, `logs tail`, a device login), `cliCommand`
 * for a client that spawns it itself (the MCP SDK's stdio transport).
 */
export const CLI_BIN = path.resolve(import.meta.dirname, "../../packages/cli/bin/openbank.mjs");

export type CliRun = {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document (a command run with --json); throws with the output if it is not. */
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** stderr parsed as the `{ error: … }` document a failing command prints with --json. */
  errorJson<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
};

/** The environment variables the CLI reads: none leaks in from the shell running the suite. */
const CLI_VARIABLES = ["OPENBANK_TOKEN", "OPENBANK_API_KEY", "OPENBANK_URL", "OPENBANK_APP", "OPENBANK_PROFILE", "OPENBANK_CONFIG_DIR"];

/** This process's environment without the CLI's variables, then `env` (a variable set to undefined is removed). */
export function cliEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const name of CLI_VARIABLES) delete merged[name];
  Object.assign(merged, env);
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return merged;
}

/** How to start the CLI with these arguments, for a client that spawns it itself. */
export function cliCommand(args: string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: [CLI_BIN, ...args] };
}

function parse(text: string, what: string) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not JSON:\n${text}`);
  }
}

/** The built CLI as a running child process, its output collected line by line. */
export class CliProcess {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  exitCode: number | null = null;
  readonly child: ChildProcess;
  private stdoutText = "";
  private stderrText = "";
  private readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** `env` goes over `cliEnv()`: the caller's environment without any of the CLI's variables. */
  constructor(
    readonly args: string[],
    env: Record<string, string | undefined> = {},
  ) {
    this.child = spawn(process.execPath, [CLI_BIN, ...args], { env: cliEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    const collect = (stream: "stdout" | "stderr") => {
      let rest = "";
      return (chunk: string) => {
        if (stream === "stdout") this.stdoutText += chunk;
        else this.stderrText += chunk;
        rest += chunk;
        const parts = rest.split("\n");
        rest = parts.pop()!;
        this[stream].push(...parts);
      };
    };
    this.child.stdout!.setEncoding("utf8").on("data", collect("stdout"));
    this.child.stderr!.setEncoding("utf8").on("data", collect("stderr"));
    // "close", not "exit": every byte of its output has been read by then.
    this.closed = new Promise((resolve, reject) => {
      this.child.on("error", reject);
      this.child.on("close", (code, signal) => {
        this.exitCode = code;
        resolve({ code, signal });
      });
    });
  }

  /** The first complete output line matching `pattern`, waited for up to `timeoutMs`. */
  async line(pattern: RegExp, stream: "stdout" | "stderr" = "stdout", timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const started = Date.now();
    for (;;) {
      for (const line of this[stream]) {
        const match = line.match(pattern);
        if (match) return match;
      }
      if (Date.now() - started > timeoutMs)
        throw new Error(`timed out waiting for ${pattern} in the CLI's output:\n${[...this.stdout, ...this.stderr].join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** ^C, as a developer would. Resolves with the exit code. */
  async interrupt(): Promise<number | null> {
    this.child.kill("SIGINT");
    return this.done();
  }

  /** Killed outright, mid-flight: nothing is acknowledged on the way out. */
  async kill(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.closed;
  }

  /** The exit code, once it has ended. */
  async done(): Promise<number | null> {
    return (await this.closed).code;
  }

  /** Everything it printed and how it ended; killed after `timeoutMs`. */
  async result(timeoutMs = 60_000): Promise<CliRun> {
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    const { code, signal } = await this.closed.finally(() => clearTimeout(timer));
    const { stdoutText: stdout, stderrText: stderr } = this;
    const what = `openbank ${this.args.join(" ")} (exit ${code})`;
    return {
      code: code ?? (signal ? 128 : 1),
      stdout,
      stderr,
      json: () => parse(stdout, `stdout of ${what}, stderr: ${stderr}`),
      errorJson: () => parse(stderr, `stderr of ${what}`),
    };
  }
}

/**
 * The CLI with its own config folder (`OPENBANK_CONFIG_DIR`, so `apps use` and logins stay in
 * the test) and `OPENBANK_URL` = the suite's portal. stdin is not a terminal, so destructive
 * commands need `--yes`, as in CI.
 */
export class Cli {
  readonly configDir = mkdtempSync(path.join(tmpdir(), "openbank-cli-"));

  constructor(
    readonly portalUrl: string,
    readonly env: Record<string, string | undefined> = {},
  ) {}

  /** Starts a command that keeps running. */
  start(args: string[], options: { env?: Record<string, string | undefined> } = {}): CliProcess {
    return new CliProcess(args, { OPENBANK_CONFIG_DIR: this.configDir, OPENBANK_URL: this.portalUrl, ...this.env, ...options.env });
  }

  /** Runs a command to its end. */
  run(args: string[], options: { env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<CliRun> {
    return this.start(args, options).result(options.timeoutMs);
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
