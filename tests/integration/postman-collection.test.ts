import { beforeAll, describe, expect, inject, it } from "vitest";
import { listOperations, type OpenApiDocumentLike } from "@/lib/docs/api-areas";
import type { PostmanCollection } from "@/lib/docs/postman-collection";
import type { StandardPostmanCollection } from "@/lib/docs/standard-postman-collection";
import { STANDARD_REFERENCES, type StandardKey } from "@/lib/docs/standard-references";
import { BankBrowser } from "../support/bank-browser";
import { FAPI_REDIRECT, newOAuthApp } from "../support/fapi-client";
import { PortalClient } from "../support/portal-client";
import { describeRun, itemExecutions, runNewman, type NewmanSummary } from "../support/run-newman";

/**
 * The Postman collection as a new developer uses it: downloaded from the running portal, only
 * `sandboxKey` set, run top to bottom with newman (the Collection Runner's engine) against a
 * fresh sandbox. Every request must answer its documented success status; a manual one skips itself.
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
    // Every operation but the manual ones (skipped until the developer gives them a real id).
    const manual = (collection.item.flatMap((folder) => folder.item) as { request: { description?: string } }[]).filter((item) =>
      item.request.description?.startsWith("**Not sent by a collection run**"),
    );
    // The Berlin Group and sandbox sign-in decisions (ids only a browser flow makes) and the import (a whole file).
    expect(manual).toHaveLength(3);
    const operations = listOperations(document).length - manual.length;
    expect(itemExecutions(summary)).toHaveLength(operations);
    // Only the insurance quote sends one more request (to read the sandbox's clock).
    expect(stats.requests.total).toBe(operations + 1);
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

/**
 * The standards' collections, downloaded from the portal as a developer gets them and run with newman:
 * the Berlin Group's top to bottom as it is (its SCA is DECOUPLED, approved by the sandbox control);
 * UK Open Banking's folder by folder, the customer's approval in the bank's pages done between the
 * folders the way the collection tells the developer to (open the printed URL, approve, paste the code).
 */
describe("the standards' Postman collections, as downloaded", () => {
  const download = async (key: StandardKey) => {
    const standard = STANDARD_REFERENCES.find((candidate) => candidate.key === key)!;
    const response = await fetch(new URL(standard.postmanHref, portalUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(standard.postmanFile);
    return (await response.json()) as StandardPostmanCollection;
  };
  const set = (collection: StandardPostmanCollection, values: Record<string, string>) => {
    for (const variable of collection.variable) if (variable.key in values) variable.value = values[variable.key];
  };
  /** What the collection leaves out because the sandbox does not have it yet (its folders say so). */
  const leftOut = (collection: StandardPostmanCollection) =>
    collection.item.flatMap((folder) => /Not in this sandbox yet, so left out: (.*?)\.$/m.exec(folder.description)?.[1] ?? []);
  const requestCount = (collection: StandardPostmanCollection) => collection.item.reduce((total, folder) => total + folder.item.length, 0);
  const report = (label: string, runs: NewmanSummary[], collection: StandardPostmanCollection) => {
    const executions = runs.flatMap((run) => itemExecutions(run));
    const assertions = runs.reduce((total, run) => total + run.run.stats.assertions.total, 0);
    console.log(
      `${label}: ${executions.length} of ${requestCount(collection)} requests run, ${assertions} assertions${leftOut(collection).length ? `; left out (not in the sandbox yet): ${leftOut(collection).join(", ")}` : ""}\n${runs.map(describeRun).join("\n")}`,
    );
  };
  const expectClean = (runs: NewmanSummary[]) => {
    for (const run of runs) {
      expect(
        run.run.failures.map((failure) => `${failure.source?.name}: ${failure.error.message}`),
        describeRun(run),
      ).toEqual([]);
      expect(run.run.stats.assertions.failed).toBe(0);
    }
  };

  it("Berlin Group: consent, DECOUPLED SCA by the sandbox control, accounts, a SEPA payment and funds confirmation run unattended", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl, "Berlin Group Postman user");
    const { secret } = await client.createApp("Berlin Group Postman app");
    const collection = await download("berlin-group");
    set(collection, { sandboxKey: secret });
    const run = await runNewman(collection);
    report("Berlin Group collection", [run], collection);
    expectClean([run]);
    expect(itemExecutions(run)).toHaveLength(requestCount(collection));
  }, 180_000);

  it("UK Open Banking: client credentials, consent, the customer's approval (browser step), accounts and a payment", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl, "UK Open Banking Postman user");
    const app = await newOAuthApp(client, "UK Open Banking Postman app");
    const clientSecret = (await client.json("POST", `/api/apps/${app.appId}/oauth-client/secret`)).body.client_secret as string;
    const collection = await download("uk-open-banking");
    set(collection, { sandboxKey: app.apiKey, clientId: app.clientId, clientSecret, redirectUri: FAPI_REDIRECT });
    const folders = collection.item.map((folder) => folder.name);
    const runs: NewmanSummary[] = [];
    /** Runs the folders starting with these numbers, carrying the variables on as Postman keeps them. */
    const runFolders = async (...numbers: number[]) => {
      const names = folders.filter((name) => numbers.some((number) => name.startsWith(`${number} `)));
      const nonEmpty = names.filter((name) => collection.item.find((folder) => folder.name === name)!.item.length > 0);
      if (!nonEmpty.length) return;
      const run = await runNewman(collection, { folder: nonEmpty });
      runs.push(run);
      set(collection, run.variables);
    };
    /** The developer opens the printed URL, signs in as the persona and approves; the code comes back on the redirect URI. */
    const approveInBrowser = async (urlVariable: string, codeVariable: string, choose?: (ids: string[]) => string[]) => {
      const url = collection.variable.find((variable) => variable.key === urlVariable)?.value;
      if (!url) return;
      const walk = await new BankBrowser(portalUrl).authorize(url, { persona: "good_credit", choose });
      expect(walk.code, JSON.stringify(walk.location)).toBeTruthy();
      set(collection, { [codeVariable]: walk.code! });
    };

    await runFolders(1, 2, 3);
    await approveInBrowser("accountsAuthorizeUrl", "accountsCode", (ids) => ids);
    await runFolders(4, 5, 6, 7);
    await approveInBrowser("paymentAuthorizeUrl", "paymentCode");
    await runFolders(8, 9, 10);
    report("UK Open Banking collection", runs, collection);
    expectClean(runs);
    // Every request of the collection ran once (the code exchanges too: none was skipped for want of a code).
    expect(runs.flatMap((run) => itemExecutions(run)).filter((execution) => execution.response)).toHaveLength(requestCount(collection));
  }, 240_000);
});
