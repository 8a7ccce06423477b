import path from "node:path";
import { Worker } from "node:worker_threads";
import type { RequestLogSink, RequestLogWriterOptions } from "./request-log-writer";
import type { RawLogEntry } from "./to-log-row";

/** What the request thread sends the log thread, and what comes back. */
export type ToLogThread = { type: "logs"; entries: RawLogEntry[] } | { type: "flush"; id: number } | { type: "close"; id: number };
export type FromLogThread = { type: "ready" } | { type: "flushed"; id: number } | { type: "failed"; message: string };

export type RequestLogThreadOptions = Omit<RequestLogWriterOptions, "db"> & {
  databaseUrl: string;
  /** The fallback's writer when the thread fails: the request thread's own client. */
  fallback: () => RequestLogSink;
};

// Calls are handed over in small batches: one message per batch, not per call.
const POST_EVERY_MS = 20;
const POST_AT = 200;
const MAX_QUEUE = 20_000;

/**
 * The request log written on its own thread (issue 20): the gateway only copies each call's
 * header pairs and queues it; masking, route matching, the INSERT and the rollups run in a
 * worker with its own database connection, so neither the masking nor a flush ever holds the
 * event loop that answers calls. Batches go over every 20 ms (or at 200 calls); the worker
 * writes every 250 ms, so a call is in the database well within the readiness engine's
 * LOG_GRACE_MS (600 ms). If the worker cannot start or dies, the sink says so on stderr and
 * writes on this thread (`createInProcessRequestLogs`) from then on.
 */
export function startRequestLogThread(options: RequestLogThreadOptions): RequestLogSink {
  const { fallback, ...writer } = options;
  let queue: RawLogEntry[] = [];
  let timer: NodeJS.Timeout | undefined;
  let dropped = 0;
  let posted = 0;
  let nextId = 1;
  const waiting = new Map<number, () => void>();
  let inProcess: RequestLogSink | undefined;
  let closing = false;
  // Until the worker says it is ready (its database opened), what was posted is kept: if it never
  // starts, those calls go to the fallback instead of being lost.
  let unconfirmed: RawLogEntry[] | undefined = [];

  const worker = new Worker(path.join(__dirname, "request-log-worker.mjs"), {
    // The bootstrap registers tsx itself; the parent's flags (tsx, --cpu-prof) are not the worker's.
    execArgv: [],
    workerData: writer,
    name: "request-logs",
  });
  worker.unref();

  function fail(reason: string): void {
    if (inProcess || closing) return;
    console.error(`[request-logs] the log thread stopped (${reason}); writing on the request thread from now on`);
    inProcess = fallback();
    for (const entry of [...(unconfirmed ?? []), ...queue]) inProcess.push(entry);
    queue = [];
    unconfirmed = undefined;
    clearTimeout(timer);
    // Once it had started, what it had not written is lost with it (said above); waiting flushes now wait for the fallback.
    const flushed = inProcess.flush();
    for (const release of waiting.values()) void flushed.then(release);
    waiting.clear();
  }

  worker.on("message", (message: FromLogThread) => {
    if (message.type === "ready") {
      unconfirmed = undefined;
    } else if (message.type === "flushed") {
      waiting.get(message.id)?.();
      waiting.delete(message.id);
    } else if (message.type === "failed") {
      console.error(`[request-logs] ${message.message}`);
    }
  });
  worker.on("error", (error) => fail(error.message));
  worker.on("exit", (code) => fail(`exit code ${code}`));

  function post(): void {
    clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0 || inProcess) return;
    const entries = queue;
    queue = [];
    posted += entries.length;
    unconfirmed?.push(...entries);
    worker.postMessage({ type: "logs", entries } satisfies ToLogThread);
  }

  function request(type: "flush" | "close"): Promise<void> {
    if (inProcess) return type === "flush" ? inProcess.flush() : (inProcess.close?.() ?? inProcess.flush());
    post();
    const id = nextId++;
    return new Promise<void>((resolve) => {
      waiting.set(id, resolve);
      worker.postMessage({ type, id } satisfies ToLogThread);
    });
  }

  return {
    push(entry) {
      if (inProcess) return inProcess.push(entry);
      if (queue.length >= MAX_QUEUE) {
        queue.shift();
        dropped++;
      }
      queue.push(entry);
      if (queue.length >= POST_AT) post();
      else if (!timer) {
        timer = setTimeout(post, POST_EVERY_MS);
        timer.unref();
      }
    },
    flush: () => request("flush"),
    async close() {
      if (inProcess) return request("close");
      await request("close");
      closing = true;
      await worker.terminate();
    },
    get pending() {
      return inProcess ? inProcess.pending : queue.length;
    },
    get dropped() {
      return dropped + (inProcess?.dropped ?? 0);
    },
    /** Calls handed to the thread so far (for tests and the benchmark). */
    get posted() {
      return posted;
    },
  } as RequestLogSink;
}
