import { createRequire } from "node:module";

/**
 * Runs a Postman collection with newman's Node API, as the Collection Runner would: every
 * request in order, with the collection's own scripts. newman ships no types; the few fields
 * the tests read are typed here.
 */

type Stat = { total: number; failed: number; pending?: number };
export type NewmanExecution = {
  item: { id?: string; name: string };
  request: { method: string; url: { toString(): string } };
  response?: { code: number; text(): string };
  assertions?: { assertion: string; error?: { message: string } }[];
};
export type NewmanSummary = {
  run: {
    stats: { requests: Stat; assertions: Stat; testScripts: Stat; prerequestScripts: Stat };
    executions: NewmanExecution[];
    failures: { error: { name: string; message: string; test?: string }; source?: { name?: string } }[];
  };
};

type NewmanRun = (
  options: Record<string, unknown>,
  callback: (error: Error | null, summary: NewmanSummary) => void,
) => { on(event: "script", listener: (error: Error | null, args: { execution: { collectionVariables: { toObject(): Record<string, string> } } }) => void): void };

const { run } = createRequire(import.meta.url)("newman") as { run: NewmanRun };

/**
 * Runs the collection (or only the named folders, `folder`), and gives back with the summary the
 * collection variables as the run left them (newman's summary keeps the collection as given), so
 * a run can continue where the last one stopped, as a developer's Postman does.
 */
export function runNewman(
  collection: unknown,
  options: { timeoutRequest?: number; folder?: string[] } = {},
): Promise<NewmanSummary & { variables: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const given = (collection as { variable?: { key: string; value: string }[] }).variable ?? [];
    let variables: Record<string, string> = Object.fromEntries(given.map((variable) => [variable.key, variable.value]));
    const emitter = run(
      { collection, reporters: [], timeoutRequest: options.timeoutRequest ?? 20_000, ...(options.folder ? { folder: options.folder } : {}) },
      (error, summary) => (error ? reject(error) : resolve({ ...summary, variables })),
    );
    emitter.on("script", (_error, args) => {
      variables = args.execution.collectionVariables.toObject();
    });
  });
}

/**
 * Each item's execution, once, in run order. newman lists an item again for each extra request its
 * scripts send (the insurance quote's `pm.sendRequest` to the sandbox's clock), as the same object.
 */
export function itemExecutions(summary: NewmanSummary): NewmanExecution[] {
  const last = new Map<string, NewmanExecution>();
  for (const execution of summary.run.executions) last.set(execution.item.id ?? execution.item.name, execution);
  return [...last.values()];
}

/** One line per request: `201 POST Make a payment /v1/payments`, and the failed assertions under it. */
export function describeRun(summary: NewmanSummary): string {
  return summary.run.executions
    .map((execution) => {
      const failed = (execution.assertions ?? []).filter((assertion) => assertion.error);
      const status = execution.response?.code ?? "---";
      const body = failed.length && execution.response ? `\n      ${execution.response.text().slice(0, 300)}` : "";
      return (
        [
          `${status} ${execution.request.method} ${execution.item.name} ${execution.request.url.toString().replace(/^https?:\/\/[^/]+/, "")}`,
          ...failed.map((assertion) => `    ✗ ${assertion.assertion}: ${assertion.error!.message}`),
        ].join("\n") + body
      );
    })
    .join("\n");
}
