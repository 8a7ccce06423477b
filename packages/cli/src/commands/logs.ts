import type { Command } from "commander";
import { action } from "../action.js";
import { requireApp } from "../context.js";
import { printLine } from "../output.js";
import { followStream, interruptSignal } from "../sse.js";

type RequestLog = { id: string; method: string; path: string; status: number; latency_ms: number; created_at: string };

/**
 * `openbank logs tail`: the app's sandbox calls, one line each as the gateway logs them
 * (masked as stored), from now on. The stream resumes after the last request id it printed
 * when the connection drops, so no call is printed twice or missed.
 */
export function registerLogs(program: Command): void {
  const logs = program.command("logs").description("the app's request logs");
  logs
    .command("tail")
    .description("print the app's calls as they happen (^C to quit)")
    .option("--status <status>", "a status class (2xx, 4xx…) or an exact status (404)")
    .option("--path <text>", "calls whose path contains this text")
    .option("--method <method>", "GET, POST, PUT, PATCH or DELETE")
    .action(
      action(async (context, options: { status?: string; path?: string; method?: string }) => {
        const appId = requireApp(context);
        let after: string | undefined;
        const path = () => {
          const query = new URLSearchParams();
          if (options.status) query.set("status", options.status);
          if (options.method) query.set("method", options.method);
          if (options.path) query.set("path", options.path);
          if (after) query.set("after", after);
          const search = query.toString();
          return `/api/apps/${encodeURIComponent(appId)}/request-logs/stream${search ? `?${search}` : ""}`;
        };
        await followStream(context, {
          path,
          signal: interruptSignal(),
          onReconnecting: (attempt, delay, reason) =>
            process.stderr.write(`Connection lost (${reason}); reconnecting in ${delay / 1000} s (attempt ${attempt})…\n`),
          onEvent: (message) => {
            if (message.event === "ready" && !after) {
              // On stderr, so --json's stdout stays NDJSON.
              process.stderr.write(`Tailing ${appId}'s requests (^C to quit)…\n`);
              return;
            }
            if (message.event !== "request") return;
            const log = JSON.parse(message.data) as RequestLog;
            after = log.id;
            printLine(
              context,
              log,
              () =>
                `${log.created_at.slice(0, 19).replace("T", " ")}  ${log.method.padEnd(6)}  ${log.path}  ${log.status}  ${Math.round(log.latency_ms)} ms  ${log.id}`,
            );
          },
        });
      }),
    );
}
