import { beforeAll, describe, expect, inject, it } from "vitest";
import { listOperations, type OpenApiDocumentLike } from "@/lib/docs/api-areas";
import type { PostmanCollection } from "@/lib/docs/postman-collection";
import { PortalClient } from "../support/portal-client";
import { describeRun, itemExecutions, runNewman, type NewmanSummary } from "../support/run-newman";

/**
 * The Postman collection as a new developer uses it: downloaded from the running portal, only
 * `sandboxKey` set, run top to bottom with newman (the Collection Runner's engine) against a
 * fresh sandbox. Every request must answer its documented success status.
 */

const portalUrl = inject("portalUrl");
let summary: NewmanSummary;
let collection: PostmanCollection;
let document: OpenApiDocumentLike;

beforeAll(async () => {
  const { client } = await PortalClient.newDeveloper(portalUrl, "Postman user");
  const { secret } = await client.createApp("Postman app");
  const downloaded = await fetch(new URL("/postman_collection.json", portalUrl));
  expect(downloaded.status).toBe(200);
  collection = (await downloaded.json()) as PostmanCollection;
  document = (await (await fetch(new URL("/openapi.json", portalUrl))).json()) as OpenApiDocumentLike;
  // The one thing the developer fills in.
  collection.variable.find((variable) => variable.key === "sandboxKey")!.value = secret;
  summary = await runNewman(collection);
  const { requests, assertions } = summary.run.stats;
  console.log(
    `newman: ${requests.total} requests, ${assertions.total} assertions, ${assertions.failed} failed assertions, ${summary.run.failures.length} failures\n${describeRun(summary)}`,
  );
}, 180_000);

describe("the Postman collection, as downloaded", () => {
  it("runs every operation once, top to bottom, with no failure", () => {
    const { stats, failures } = summary.run;
    expect(
      failures.map((failure) => `${failure.source?.name}: ${failure.error.message}`),
      describeRun(summary),
    ).toEqual([]);
    expect(stats.requests.failed).toBe(0);
    expect(stats.assertions.failed).toBe(0);
    const operations = listOperations(document);
    expect(itemExecutions(summary)).toHaveLength(operations.length);
    // Only the insurance quote sends one more request (to read the sandbox's clock).
    expect(stats.requests.total).toBe(operations.length + 1);
  });

  it("gets each operation's documented success status, checked by the collection's own tests", () => {
    for (const execution of itemExecutions(summary)) {
      expect(execution.response?.code, `${execution.item.name}\n${execution.response?.text().slice(0, 500)}`).toBeGreaterThanOrEqual(200);
      expect(execution.response!.code, execution.item.name).toBeLessThan(300);
      expect(execution.assertions?.length ?? 0, `${execution.item.name} has a test`).toBeGreaterThan(0);
    }
  });

  it("resets the sandbox last", () => {
    expect(itemExecutions(summary).at(-1)?.item.name).toBe("Reset the sandbox to its seed");
  });
});
