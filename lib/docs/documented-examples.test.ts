import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, gatewayHeaders, type TestApp } from "@/mock-bank/test/helpers";
import { createOpenApiValidator } from "@/mock-bank/test/openapi-validator";
import { describeResults, manualOperations, runExamplePlan, type ExampleResult } from "@/tests/support/run-example-plan";
import type { OpenApiDocumentLike } from "./api-areas";
import { planExampleRun, type ExamplePlan } from "./example-run";

/**
 * The documented examples run against the bank in process, on a fresh database: the quick check of
 * what the integration suite proves through the gateway (tests/integration/documented-examples).
 */

let t: TestApp;
let document: OpenApiDocumentLike;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  document = t.app.swagger() as unknown as OpenApiDocumentLike;
}, 60_000);
afterAll(() => t.close());

describe("every documented example, sent in order to a fresh sandbox (the bank in process)", () => {
  let results: ExampleResult[];
  let plan: ExamplePlan;

  beforeAll(async () => {
    const headers = gatewayHeaders("app_examples");
    plan = planExampleRun(document);
    ({ results } = await runExamplePlan(plan, async (request) => {
      const reply = await t.app.inject({
        method: request.method as "GET",
        url: request.url,
        headers: { ...headers, ...request.headers },
        payload: request.body,
      });
      return {
        status: reply.statusCode,
        contentType: reply.headers["content-type"] as string | null,
        body: reply.body ? reply.json() : undefined,
      };
    }));
  }, 120_000);

  it("answers each with its documented success status and a body the document describes", () => {
    const contract = createOpenApiValidator(document);
    expect(
      results.map(({ step, response }) => [step.operationId, response.status]),
      describeResults(results),
    ).toEqual(results.map(({ step }) => [step.operationId, step.success]));
    for (const { step, request, response } of results) {
      expect(JSON.stringify(request), `${step.operationId} sent a placeholder`).not.toContain("{{");
      contract.assertResponse({
        method: step.method,
        path: step.path,
        status: response.status,
        contentType: response.contentType,
        body: response.body,
      });
    }
    // Every operation but those whose examples are documented as manual, each with its reason.
    expect(contract.unexercised()).toEqual(manualOperations(plan));
    expect([...manualOperations(plan)].sort()).toEqual([
      "post /v1/sandbox/authentications/{authentication_id}",
      "post /v1/sandbox/berlin-group/authorisations/{authorisation_id}",
      // Its body is a whole export file (tested in mock-bank/test/sandbox-snapshots.test.ts).
      "post /v1/sandbox/import",
    ]);
  });
});
