import type { Command } from "commander";
import { resolveContext, type Context } from "./context.js";
import { fail } from "./output.js";

/**
 * Wraps a command's action: resolves the context (flags, environment, profile), runs it, and
 * turns any failure into its message on stderr and the documented exit code.
 */
export function action<Args extends unknown[]>(run: (context: Context, ...args: Args) => Promise<void> | void) {
  return async (...args: [...Args, Record<string, unknown>, Command]) => {
    const command = args[args.length - 1] as Command;
    let context: Pick<Context, "json"> = { json: Boolean(command.optsWithGlobals<{ json?: boolean }>().json) };
    try {
      const resolved = resolveContext(command);
      context = resolved;
      await run(resolved, ...(args.slice(0, -1) as Args));
    } catch (error) {
      process.exitCode = fail(context, error);
    }
  };
}
