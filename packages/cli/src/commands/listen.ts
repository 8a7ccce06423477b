import type { Command } from "commander";
import { action } from "../action.js";
import { request } from "../api.js";
import { requireApp, type Context } from "../context.js";
import { usageError } from "../errors.js";
import { printLine } from "../output.js";
import { followStream, interruptSignal } from "../sse.js";

type Session = { id: string; secret: string; event_types: string[]; stream_path: string };
type Delivery = { delivery_id: string; event_id: string; event_type: string; headers: Record<string, string>; body: string };
type Result = { status: number | null; duration_ms: number; error?: string };

/** How long the local receiver has to answer (the dispatcher gives real endpoints the same order of time). */
const FORWARD_TIMEOUT_MS = 30_000;

function forwardUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`--forward-to must be a URL such as http://localhost:4242/webhooks, not "${value}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usageError("--forward-to must be an http(s) URL.");
  return url.toString();
}

async function openSession(context: Context, appId: string, eventTypes: string[]): Promise<Session> {
  const response = await request(context, "POST", `/api/apps/${encodeURIComponent(appId)}/listen-sessions`, {
    body: { event_types: eventTypes },
  });
  return (await response.json()) as Session;
}

/** POSTs the delivery to the local receiver byte for byte, with the portal's signed headers. */
async function forward(url: string, delivery: Delivery): Promise<Result> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { ...delivery.headers, "user-agent": "openbank-cli/0.1.0 (listen)" },
      body: delivery.body,
      redirect: "manual",
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status, duration_ms: Math.round(performance.now() - started) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    const why =
      cause === "TimeoutError" ? `no answer in ${FORWARD_TIMEOUT_MS / 1000} s` : cause === "ECONNREFUSED" ? "connection refused" : cause;
    return { status: null, duration_ms: Math.round(performance.now() - started), error: `${why} at ${url}` };
  }
}

/**
 * `openbank listen --forward-to URL`: the app's events, live, to a receiver on this machine
 * with no public URL. The portal keeps each event for this developer's listen session and
 * streams it (Server-Sent Events) already signed with the session's secret, which is the same
 * on every run; each is POSTed to the receiver byte for byte, one line printed, and the result
 * reported back (the dashboard's delivery log shows it; the result is the acknowledgement). A
 * dropped stream is reopened with backoff and every delivery without a result comes again, so
 * nothing is lost: at least once, always with the same webhook-id; this process forwards each
 * delivery once.
 */
export function registerListen(program: Command): void {
  program
    .command("listen")
    .description("forward the app's webhook events, signed, to a local URL (no public URL needed)")
    .option("--forward-to <url>", "where to POST each event, e.g. http://localhost:4242/webhooks")
    .option("--events <types>", "only these event types, comma-separated (default: all)")
    .option("--print-secret", "print the session's signing secret (whsec_…) and exit")
    .action(
      action(async (context, options: { forwardTo?: string; events?: string; printSecret?: boolean }) => {
        const appId = requireApp(context);
        const eventTypes = (options.events ?? "")
          .split(",")
          .map((type) => type.trim())
          .filter(Boolean);
        if (!options.printSecret && !options.forwardTo)
          throw usageError("listen needs --forward-to <url> (e.g. http://localhost:4242/webhooks), or --print-secret.");
        const target = options.forwardTo ? forwardUrl(options.forwardTo) : "";
        let session = await openSession(context, appId, eventTypes);
        if (options.printSecret) {
          printLine(context, { secret: session.secret, session_id: session.id }, () => session.secret);
          return;
        }
        printLine(
          context,
          { type: "ready", session_id: session.id, secret: session.secret, event_types: session.event_types, forward_to: target },
          () =>
            [
              `Ready! Your webhook signing secret is ${session.secret} (^C to quit)`,
              `Forwarding ${session.event_types.length ? session.event_types.join(", ") : "all events"} of ${appId} to ${target}`,
            ].join("\n"),
        );

        /** Deliveries this process forwarded, with their result: a repeat (after a reconnect) only re-reports it. */
        const done = new Map<string, Result>();
        const signal = interruptSignal();
        await followStream(context, {
          path: () => session.stream_path,
          signal,
          onNotFound: async () => {
            // Disabled after a long idle, or removed: start it again (same secret).
            session = await openSession(context, appId, eventTypes);
          },
          onReconnecting: (attempt, delay, reason) =>
            process.stderr.write(`Connection lost (${reason}); reconnecting in ${delay / 1000} s (attempt ${attempt})…\n`),
          onEvent: async (message) => {
            if (message.event !== "delivery") return;
            const delivery = JSON.parse(message.data) as Delivery;
            let result = done.get(delivery.delivery_id);
            const repeat = result !== undefined;
            if (!result) {
              result = await forward(target, delivery);
              done.set(delivery.delivery_id, result);
              const time = new Date().toISOString();
              printLine(
                context,
                {
                  type: "delivery",
                  time,
                  delivery_id: delivery.delivery_id,
                  event_id: delivery.event_id,
                  event_type: delivery.event_type,
                  status: result.status,
                  latency_ms: result.duration_ms,
                  ...(result.error ? { error: result.error } : {}),
                },
                () =>
                  `${time.slice(0, 19).replace("T", " ")}  ${delivery.event_type.padEnd(24)}  ${delivery.event_id}  ` +
                  (result!.status === null ? `→ failed: ${result!.error}` : `→ ${result!.status}`) +
                  `  ${result!.duration_ms} ms`,
              );
            }
            const path = `${session.stream_path.replace(/\/stream$/, "")}/deliveries/${encodeURIComponent(delivery.delivery_id)}/result`;
            try {
              await request(context, "POST", path, { body: result });
            } catch (error) {
              // Not acknowledged: it comes again on the next connection, and is only re-reported then.
              process.stderr.write(
                `Could not report ${delivery.delivery_id}${repeat ? " again" : ""}: ${(error as Error).message}; it will be reported on reconnect.\n`,
              );
            }
          },
        });
      }),
    );
}
