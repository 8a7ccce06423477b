import { Command, CommanderError, Option } from "commander";
import { registerApps } from "./commands/apps.js";
import { registerMcp } from "./commands/mcp.js";
import { registerListen } from "./commands/listen.js";
import { registerLogs } from "./commands/logs.js";
import { registerEvents } from "./commands/events.js";
import { registerKeys } from "./commands/keys.js";
import { registerSandbox } from "./commands/sandbox.js";
import { registerTrigger } from "./commands/trigger.js";
import { registerAuth } from "./commands/auth.js";
import { registerOpen } from "./commands/open.js";
import { registerReadiness } from "./commands/readiness.js";
import { EXIT } from "./errors.js";

export const VERSION = "0.1.0";

/** The `openbank` program with every command registered; `main.ts` parses argv with it. */
export function buildProgram(): Command {
  const program = new Command("openbank")
    .description("The Open Bank sandbox from your terminal: apps, keys, live webhooks on localhost, events, request logs and the sandbox.")
    .version(VERSION, "-v, --version")
    .addOption(new Option("--json", "print JSON (one document, or one object per line for streams) for scripts"))
    .addOption(new Option("--token <pat>", "personal access token (pat_…) for the portal API").env("OPENBANK_TOKEN"))
    .addOption(new Option("--api-key <key>", "sandbox API key (sk_sandbox_…) for sandbox calls").env("OPENBANK_API_KEY"))
    .addOption(new Option("--base-url <url>", "the portal's origin (default http://localhost:3000)").env("OPENBANK_URL"))
    .addOption(new Option("--profile <name>", 'which saved profile to use (default "default")').env("OPENBANK_PROFILE"))
    .addOption(new Option("--app <appId>", "the app to act on (default: the one `apps use` chose)").env("OPENBANK_APP"))
    .showHelpAfterError()
    .exitOverride();
  // Commander's usage errors (unknown option, missing argument) exit 2, like other CLIs'.
  program.configureOutput({ outputError: (text, write) => write(text) });

  registerAuth(program);
  registerApps(program);
  registerKeys(program);
  registerListen(program);
  registerTrigger(program);
  registerEvents(program);
  registerLogs(program);
  registerSandbox(program);
  registerReadiness(program);
  registerOpen(program);
  registerMcp(program);
  return program;
}

/** Parses argv and sets the exit code; never throws. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const done = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code);
      process.exitCode = done ? EXIT.ok : EXIT.usage;
    } else throw error;
  }
  return Number(process.exitCode ?? EXIT.ok);
}
