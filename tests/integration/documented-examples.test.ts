import { beforeAll, describe, expect, inject, it } from "vitest";
import { planExampleRun, type ExamplePlan } from "@/lib/docs/example-run";
import { loadContract } from "../support/contract";
import { PortalClient } from "../support/portal-client";
import { describeResults, manualOperations, runExamplePlan, type ExampleResult } from "../support/run-example-plan";

/**
 * Every operation's documented request example, as the portal publishes it at /openapi.json, sent
 * through the gateway with a new developer's key, in the planned order (ids captured from earlier
 * answers, dates from the sandbox's clock): each must answer its documented success status with a
 * body the document describes.
 */

const portalUrl = inject("portalUrl");
let results: ExampleResult[];
let plan: ExamplePlan;
let contract: Awaited<ReturnType<typeof loadContract>>;

beforeAll(async () => {
  const { client } = await PortalClient.newDeveloper(portalUrl, "Example reader");
  const { secret } = await client.createApp("Examples app");
  contract = await loadContract(portalUrl);
  plan = planExampleRun(contract.document);
  ({ results } = await runExamplePlan(plan, async (request, variables) => {
    const credential = request.auth === "consent_token" ? variables.consentToken : secret;
    const response = await fetch(new URL(request.url, portalUrl), {
      method: request.method,
      headers: { ...request.headers, ...(request.auth === "none" ? {} : { authorization: `Bearer ${credential}` }) },
      body: request.body,
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get("content-type"), body: text ? JSON.parse(text) : undefined };
  }));
}, 180_000);

describe("the documented request examples, through the gateway", () => {
  it("answer each operation's documented success status", () => {
    expect(
      results.map(({ step, response }) => `${step.operationId} ${response.status}`),
      describeResults(results),
    ).toEqual(results.map(({ step }) => `${step.operationId} ${step.success}`));
  });

  it("answer bodies the published document describes, for every operation", () => {
    for (const { step, response } of results) {
      contract.validator.assertResponse({
        method: step.method,
        path: step.path,
        status: response.status,
        contentType: response.contentType,
        body: response.body,
      });
    }
    // Every operation but those whose examples are documented as manual (each with its reason).
    expect(contract.validator.unexercised()).toEqual(manualOperations(plan));
  });
});
