import { randomUUID } from "node:crypto";
import {
  daysAfter,
  evaluateCapture,
  fillPlaceholders,
  runStepsOf,
  stepsOf,
  type ExamplePlan,
  type ExampleStep,
} from "../../lib/docs/example-run";

/**
 * Sends every documented example in the planned order, as the Postman collection does: variables
 * captured from earlier answers fill the placeholders, `{{$guid}}` is a fresh UUID, and dates are
 * counted from the sandbox's clock. `send` is the transport (the gateway over HTTP, or the bank in
 * process) and adds the credentials. Manual steps are not sent (`plan`'s steps name their reason).
 */

export type ExampleRequest = { method: string; url: string; headers: Record<string, string>; body?: string; auth: ExampleStep["auth"] };
export type ExampleResponse = { status: number; contentType: string | null; body: unknown };
export type ExampleResult = { step: ExampleStep; request: ExampleRequest; response: ExampleResponse };

function requestFor(step: ExampleStep, variables: Record<string, string>): ExampleRequest {
  const fill = (text: string) => fillPlaceholders(text, { ...variables, $guid: randomUUID() });
  let path = step.path;
  for (const parameter of step.pathParams) path = path.replace(`{${parameter.name}}`, encodeURIComponent(fill(parameter.value)));
  const query = new URLSearchParams(
    step.query.filter((parameter) => parameter.enabled).map((parameter) => [parameter.name, fill(parameter.value)]),
  );
  const headers = Object.fromEntries(
    step.headers.filter((parameter) => parameter.enabled).map((parameter) => [parameter.name, fill(parameter.value)]),
  );
  const body = step.body === undefined ? undefined : JSON.stringify(fillPlaceholders(step.body, variables));
  if (body !== undefined) headers["content-type"] = "application/json";
  return { method: step.method, url: `${path}${query.size ? `?${query}` : ""}`, headers, body, auth: step.auth };
}

/** `variables` holds what was captured so far, e.g. `consentToken` for steps that need one. */
export type SendExample = (request: ExampleRequest, variables: Readonly<Record<string, string>>) => Promise<ExampleResponse>;

export async function runExamplePlan(
  plan: ExamplePlan,
  send: SendExample,
): Promise<{ results: ExampleResult[]; variables: Record<string, string> }> {
  const variables: Record<string, string> = {};
  const results: ExampleResult[] = [];
  for (const step of runStepsOf(plan)) {
    if (step.dates.length) {
      const clock = await send({ method: "GET", url: "/v1/sandbox/clock", headers: {}, auth: "api_key" }, variables);
      const now = new Date((clock.body as { now: string }).now);
      for (const date of step.dates) variables[date.variable] = daysAfter(now, date.daysAhead);
    }
    const request = requestFor(step, variables);
    const response = await send(request, variables);
    results.push({ step, request, response });
    if (response.status < 300) {
      for (const capture of step.captures) {
        const value = evaluateCapture(capture, response.body, variables);
        if (typeof value === "string") variables[capture.variable] = value;
      }
    }
  }
  return { results, variables };
}

/** The operations a run leaves to the developer (`manual`), as the response validator names them (`post /v1/…`). */
export const manualOperations = (plan: ExamplePlan) =>
  stepsOf(plan)
    .filter((step) => step.manual)
    .map((step) => `${step.method.toLowerCase()} ${step.path}`);

/** One line per step, for failure messages: `201 POST /v1/payments (createPayment)` and a failed body. */
export function describeResults(results: ExampleResult[]): string {
  return results
    .map(({ step, request, response }) => {
      const line = `${response.status} ${request.method} ${request.url} (${step.operationId}, expects ${step.success})`;
      return response.status === step.success ? line : `${line}\n    ${JSON.stringify(response.body).slice(0, 400)}`;
    })
    .join("\n");
}
