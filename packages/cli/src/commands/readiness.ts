import type { Command } from "commander";
import { portalApi } from "../api.js";
import { action } from "../action.js";
import { requireApp, type Context } from "../context.js";
import { CliError, EXIT, usageError, type ExitCode } from "../errors.js";
import { print, printLine } from "../output.js";
import type { operations } from "../portal-api-schema.js";

type Run = operations["getReadinessRun"]["responses"][200]["content"]["application/json"];
type Report = operations["getReadinessReport"]["responses"][200]["content"]["application/json"];
type Check = Run["checks"][number];

/** How often a followed run is read (the portal's engine advances it twice a second). */
const POLL_MS = 1_000;
/** Reads that fail (portal unreachable, a 5xx) are retried this many times, with backoff, before the command gives up. */
const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000];

/** One thing that happened while following a run: with --json, one NDJSON line each. */
export type FollowEvent =
  | { type: "instruction"; run_id: string; check: string; title: string; instruction: NonNullable<Check["instruction"]> }
  | { type: "check"; run_id: string; check: Check };

/**
 * What changed between two reads of a run: a check that started running with an instruction
 * (printed once per check), and each check that ended (graded or skipped), in the run's order.
 */
export function followEvents(previous: Run | null, current: Run): FollowEvent[] {
  const events: FollowEvent[] = [];
  current.checks.forEach((check, index) => {
    const before = previous?.checks[index];
    const ended = (c: Check | undefined) => c?.status === "done" || c?.status === "skipped";
    if (check.instruction && !before?.instruction && !ended(before))
      events.push({ type: "instruction", run_id: current.id, check: check.id, title: check.title, instruction: check.instruction });
    if (ended(check) && !ended(before)) events.push({ type: "check", run_id: current.id, check });
  });
  return events;
}

/** How a run's status ends the command: 0 passed (or still running, for show/--no-wait), 1 failed, expired or cancelled. */
export const runExitCode = (status: Run["status"]): ExitCode => (status === "passed" || status === "running" ? EXIT.ok : EXIT.failed);

const mark = (check: Check) => (check.status === "skipped" ? "skip" : (check.grade ?? "-"));

/** One check, graded: its grade, title and summary; its evidence; for anything but a pass, the fix and the guide. */
export function describeCheck(check: Check, baseUrl: string): string {
  const lines = [`${mark(check).toUpperCase().padEnd(4)}  ${check.title}${check.summary ? `: ${check.summary}` : ""}`];
  const { request_ids: requests, delivery_ids: deliveries } = check.evidence;
  if (requests.length) lines.push(`      requests: ${requests.join(", ")}`);
  if (deliveries.length) lines.push(`      deliveries: ${deliveries.join(", ")}`);
  if (check.status === "done" && check.grade !== "pass")
    lines.push(`      fix: ${check.fix_hint}`, `      guide: ${baseUrl}${check.guide_url}`);
  return lines.join("\n");
}

export const reportUrl = (baseUrl: string, run: Pick<Run, "id" | "app_id">) =>
  `${baseUrl}/dashboard/apps/${encodeURIComponent(run.app_id)}/readiness/${encodeURIComponent(run.id)}`;

/** The report as a person reads it: the outcome, every check, the traffic it saw, and where the page is. */
export function describeReport(report: Report | Run, baseUrl: string): string {
  const outcome = report.status === "running" ? `running (${report.progress.done}/${report.progress.total} checks done)` : report.status;
  const lines = [`Readiness run ${report.id} for ${report.app_id}: ${outcome}${report.grade ? `, grade ${report.grade}` : ""}`, ""];
  for (const check of report.checks)
    lines.push(
      check.status === "done" || check.status === "skipped" ? describeCheck(check, baseUrl) : `-     ${check.title}: ${check.status}`,
    );
  if ("traffic" in report) {
    const injected = report.traffic.requests.filter((call) => call.injected).length;
    lines.push(
      "",
      `Traffic: ${report.traffic.requests.length} call(s) (${injected} with an injected fault), ${report.traffic.deliveries.length} readiness delivery(ies).`,
    );
  }
  lines.push(`Report: ${reportUrl(baseUrl, report)}`);
  return lines.join("\n");
}

/** Runs `read` again on a lost connection or a 5xx, so one bad moment does not end a followed run. */
async function withRetries<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      const transient = error instanceof CliError && (error.exitCode === EXIT.unreachable || (error.problem?.status ?? 0) >= 500);
      if (!transient || attempt >= RETRY_MS.length) throw error;
      process.stderr.write(`${error.message}; trying again in ${RETRY_MS[attempt] / 1000} s…\n`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS[attempt]));
    }
  }
}

const runId = (value: string) => {
  // An empty id (a `$(… | jq …)` that found nothing) would name another path: say so instead.
  if (!/^rdy_\w+$/.test(value)) throw usageError(`"${value}" is not a readiness run id (rdy_…): take one from the run's page or --json.`);
  return value;
};

async function readRun(context: Context, appId: string, id: string): Promise<Run> {
  const { data } = await portalApi(context).GET("/api/apps/{appId}/readiness-runs/{runId}", { params: { path: { appId, runId: id } } });
  return data!;
}

async function readReport(context: Context, appId: string, id: string): Promise<Report> {
  const { data } = await portalApi(context).GET("/api/apps/{appId}/readiness-runs/{runId}/report.json", {
    params: { path: { appId, runId: id } },
  });
  return data!;
}

/** Asks the portal to cancel the run; one that ended meanwhile (409) is simply over. */
async function cancel(context: Context, appId: string, id: string): Promise<void> {
  try {
    await portalApi(context).POST("/api/apps/{appId}/readiness-runs/{runId}/cancel", { params: { path: { appId, runId: id } } });
  } catch (error) {
    if (!(error instanceof CliError && error.problem?.status === 409)) throw error;
  }
}

/**
 * Follows a started run to its end: each check's live instruction as it comes, each grade as it
 * lands, then the report. The first ^C asks the portal to cancel the run (its faults stop at
 * once) and prints the cancelled report; a second ^C leaves at once, the run going on without us.
 */
async function follow(context: Context, started: Run): Promise<ExitCode> {
  const appId = started.app_id;
  let cancelling = false;
  const onInterrupt = () => {
    if (cancelling) process.exit(130);
    cancelling = true;
    process.stderr.write(`Cancelling ${started.id} (^C again to leave it running)…\n`);
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onInterrupt);
  try {
    let previous: Run | null = null;
    let run = started;
    for (;;) {
      for (const event of followEvents(previous, run)) {
        printLine(context, event, () =>
          event.type === "instruction" ? `▶ ${event.title}: ${event.instruction.text}` : describeCheck(event.check, context.baseUrl),
        );
      }
      if (run.status !== "running") break;
      if (cancelling) {
        await withRetries(() => cancel(context, appId, run.id));
        previous = run;
        run = await withRetries(() => readRun(context, appId, run.id));
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      previous = run;
      run = await withRetries(() => readRun(context, appId, run.id));
    }
    const report = await withRetries(() => readReport(context, appId, run.id));
    printLine(context, { type: "report", report }, () => `\n${describeReport(report, context.baseUrl)}`);
    return runExitCode(report.status);
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
  }
}

/** `openbank readiness run|show|cancel`: grade your own integration (issue 19's readiness runs) from the terminal or CI. */
export function registerReadiness(program: Command): void {
  const readiness = program.command("readiness").description("readiness runs: the portal grades your app's own integration");
  readiness
    .command("run")
    .description(
      "start a run and follow it: each check's instruction, each grade as it lands, then the report (exit 0 passed, 1 failed, expired or cancelled; ^C cancels the run)",
    )
    .option("--no-wait", "start the run and print it; do not follow it")
    .action(
      action(async (context, options: { wait: boolean }) => {
        const appId = requireApp(context);
        const { data } = await portalApi(context).POST("/api/apps/{appId}/readiness-runs", { params: { path: { appId } } });
        const started = data!;
        if (!options.wait) {
          print(context, started, () =>
            [
              `Started readiness run ${started.id} for ${appId} (${started.checks.length} checks, until ${started.expires_at}).`,
              `Follow it: openbank readiness show ${started.id}, or ${reportUrl(context.baseUrl, started)}`,
            ].join("\n"),
          );
          return;
        }
        printLine(context, { type: "run", run: started }, () =>
          [
            `Started readiness run ${started.id} for ${appId}: ${started.checks.length} checks, until ${started.expires_at} (^C cancels it).`,
            `Live: ${reportUrl(context.baseUrl, started)}`,
          ].join("\n"),
        );
        process.exitCode = await follow(context, started);
      }),
    );
  readiness
    .command("show")
    .description(
      "a run's report: its checks with their grades and evidence, and the traffic it saw (exit 1 when it failed, expired or was cancelled)",
    )
    .argument("<run>", "the run's id (rdy_…)")
    .action(
      action(async (context, id: string) => {
        const report = await readReport(context, requireApp(context), runId(id));
        print(context, report, () => describeReport(report, context.baseUrl));
        process.exitCode = runExitCode(report.status);
      }),
    );
  readiness
    .command("cancel")
    .description("cancel a running run: its faults stop at once, its unfinished checks are skipped")
    .argument("<run>", "the run's id (rdy_…)")
    .action(
      action(async (context, id: string) => {
        const appId = requireApp(context);
        const { data } = await portalApi(context).POST("/api/apps/{appId}/readiness-runs/{runId}/cancel", {
          params: { path: { appId, runId: runId(id) } },
        });
        print(context, data, () => `Cancelled ${data!.id}: ${data!.progress.done}/${data!.progress.total} checks done.`);
      }),
    );
}
