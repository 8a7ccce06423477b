import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/mock-bank/src/openapi-document";
import { listOperations, type OpenApiDocumentLike } from "./api-areas";
import {
  daysAfter,
  evaluateCapture,
  fillPlaceholders,
  planExampleRun,
  redateExamples,
  runStepsOf,
  stepsOf,
  type ExamplePlan,
} from "./example-run";

let document: OpenApiDocumentLike;
let plan: ExamplePlan;

beforeAll(async () => {
  document = (await buildOpenApiDocument()) as OpenApiDocumentLike;
  plan = planExampleRun(document);
}, 60_000);

describe("planExampleRun", () => {
  it("plans every operation once, in a folder per area", () => {
    const planned = stepsOf(plan).map((step) => `${step.method.toLowerCase()} ${step.path}`);
    expect(planned.sort()).toEqual(
      listOperations(document)
        .map((operation) => `${operation.method} ${operation.path}`)
        .sort(),
    );
    for (const folder of plan.folders) for (const step of folder.steps) expect(step.tag).toBe(folder.tag);
  });

  it("captures every variable before a step sends it, and resets the sandbox last", () => {
    const captured = new Set<string>();
    for (const step of stepsOf(plan)) {
      for (const name of step.uses)
        expect(captured.has(name), `${step.operationId} sends {{${name}}} before any step captures it`).toBe(true);
      for (const capture of step.captures) captured.add(capture.variable);
    }
    expect(stepsOf(plan).at(-1)?.operationId).toBe("resetSandbox");
    expect(plan.folders.at(-1)?.tag).toBe("Sandbox");
    // Every example id of the document is captured somewhere: none is left for the developer to type.
    expect(plan.variables.map((variable) => variable.name).sort()).toEqual([...captured].sort());
  });

  it("plans a manual operation with its example and its reason, and leaves it out of what a run sends", () => {
    const manual = stepsOf(plan).filter((step) => step.manual);
    expect(manual.map((step) => step.operationId).sort()).toEqual([
      "decideBerlinGroupAuthorisation",
      "decideSandboxAuthentication",
      "importSandbox",
    ]);
    const decide = manual.find((step) => step.operationId === "decideBerlinGroupAuthorisation")!;
    expect(manual.find((step) => step.operationId === "importSandbox")!.manual).toMatch(/GET \/v1\/sandbox\/export/);
    expect(decide.manual).toMatch(/TPP-Decoupled-Preferred/);
    expect(decide.pathParams).toEqual([expect.objectContaining({ name: "authorisation_id", value: expect.stringMatching(/^sca_/) })]);
    expect(decide.body).toEqual({ decision: "approve" });
    expect(runStepsOf(plan)).toEqual(stepsOf(plan).filter((step) => !step.manual));
    expect(runStepsOf(plan).at(-1)?.operationId).toBe("resetSandbox");
  });

  it("never filters a list by an example id, which no real sandbox has (the reference's Try-it-out would list nothing)", () => {
    const ids = new Set(plan.variables.map((variable) => `{{${variable.name}}}`));
    for (const step of stepsOf(plan))
      for (const parameter of step.query) expect(ids.has(parameter.value), `${step.operationId} ?${parameter.name}`).toBe(false);
  });

  it("replaces example ids by variables, in paths, queries and bodies", () => {
    const byId = Object.fromEntries(stepsOf(plan).map((step) => [step.operationId, step]));
    expect(byId.getAccount.pathParams).toEqual([expect.objectContaining({ name: "account_id", value: "{{accountId}}" })]);
    // Captures may pick by a captured id: listAccounts takes good_credit's accounts from the list.
    expect(byId.listAccounts.uses).toEqual(["customerId"]);
    expect(byId.listAccounts.query.find((parameter) => parameter.name === "limit")).toMatchObject({ value: "100", enabled: true });
    expect(byId.createPayment.body).toMatchObject({ debtor_account_id: "{{accountId}}", amount: { amount: "25.00", currency: "GBP" } });
    expect(byId.createInsuranceQuote.body).toMatchObject({ start_date: "{{start_date}}", end_date: "{{end_date}}" });
    expect(byId.createInsuranceQuote.dates).toEqual([
      expect.objectContaining({ variable: "start_date" }),
      expect.objectContaining({ variable: "end_date" }),
    ]);
    expect(byId.getProduct.pathParams[0].value).toBe("easy_access_saver");
    // Without an example, an optional query parameter is offered but not sent.
    expect(byId.listAccounts.query.find((parameter) => parameter.name === "cursor")).toMatchObject({ enabled: false });
  });
});

describe("redateExamples", () => {
  it("moves the declared example dates to the given day, so the reference's example is never in the past", () => {
    const redated = redateExamples(structuredClone(document), new Date("2031-02-27T15:00:00Z"));
    const media = (
      redated.paths!["/v1/insurance/quotes"].post as { requestBody: { content: Record<string, { example: Record<string, unknown> }> } }
    ).requestBody.content["application/json"];
    expect(media.example).toMatchObject({ start_date: "2031-04-28", end_date: "2031-05-05", trip_type: "single_trip" });
    // Operations without declared dates are left alone.
    expect(JSON.stringify(redated.paths!["/v1/payments"])).toBe(JSON.stringify(document.paths!["/v1/payments"]));
  });
});

describe("evaluateCapture", () => {
  it("reads a pointer, or the first list item that matches", () => {
    const body = {
      id: "x_1",
      offers: [{ id: "lof_1" }],
      data: [
        { id: "a", type: "savings" },
        { id: "b", type: "current" },
        { id: "c", type: "current" },
      ],
    };
    expect(evaluateCapture({ variable: "v", example: "e", from: "/id" }, body)).toBe("x_1");
    expect(evaluateCapture({ variable: "v", example: "e", from: "/offers/0/id" }, body)).toBe("lof_1");
    expect(evaluateCapture({ variable: "v", example: "e", from: "/data", where: { type: "current" }, field: "/id" }, body)).toBe("b");
    expect(evaluateCapture({ variable: "v", example: "e", from: "/data", where: { type: "loan" }, field: "/id" }, body)).toBeUndefined();
    expect(evaluateCapture({ variable: "v", example: "e", from: "/nope/0" }, body)).toBeUndefined();
    expect(
      evaluateCapture({ variable: "v", example: "e", from: "/data", where: { id: "{{wanted}}" }, field: "/type" }, body, { wanted: "c" }),
    ).toBe("current");
  });

  it("fills placeholders and counts days from the sandbox's day", () => {
    expect(fillPlaceholders({ a: ["{{x}}", "{{y}}"], b: 1 }, { x: "1" })).toEqual({ a: ["1", "{{y}}"], b: 1 });
    expect(daysAfter(new Date("2026-12-31T23:30:00Z"), 60)).toBe("2027-03-01");
  });
});
