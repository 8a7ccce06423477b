import http from "node:http";

export type LatencyResult = { rate: number; sent: number; ok: number; failed: number; p50: number; p90: number; p99: number; max: number };

/**
 * Open-loop load: requests leave on a fixed schedule whatever the server does, and each
 * latency is measured from the moment the request was due (not when a busy client got
 * round to sending it), so a slow server cannot hide its queueing (no coordinated
 * omission). Sub-millisecond precision, unlike autocannon's integer histogram.
 */
export async function openLoop(options: {
  url: string;
  headers?: Record<string, string>;
  /** Headers of request number `index` on top of `headers` (a DPoP proof per request). */
  headersFor?: (index: number) => Record<string, string>;
  rate: number;
  seconds: number;
  sockets?: number;
}): Promise<LatencyResult> {
  const { url, rate, seconds } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.sockets ?? 64 });
  const total = Math.round(rate * seconds);
  const latencies = new Float64Array(total);
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  const interval = 1000 / rate;

  const one = (index: number) =>
    new Promise<void>((resolve) => {
      const due = start + index * interval;
      const headers = options.headersFor ? { ...options.headers, ...options.headersFor(index) } : options.headers;
      const request = http.get(url, { agent, headers }, (response) => {
        response.resume();
        response.on("end", () => {
          latencies[index] = performance.now() - due;
          if (response.statusCode! >= 200 && response.statusCode! < 300) ok++;
          else failed++;
          resolve();
        });
      });
      request.on("error", () => {
        latencies[index] = performance.now() - due;
        failed++;
        resolve();
      });
    });

  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const wait = start + index * interval - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(one(index));
  }
  await Promise.all(pending);
  agent.destroy();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { rate, sent: total, ok, failed, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] };
}
