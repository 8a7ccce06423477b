import { expect } from "vitest";
import { createOpenApiValidator, type OpenApiValidator } from "../../mock-bank/test/openapi-validator";

let current: OpenApiValidator | undefined;

/** The published contract (`/openapi.json` on the portal), as a response validator. */
export async function loadContract(portalUrl: string) {
  const response = await fetch(`${portalUrl}/openapi.json`);
  if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`);
  const document = await response.json();
  current = createOpenApiValidator(document);
  const validator = current;
  return {
    document,
    validator,
    /** Asserts the response (status, content type, body) is what the document promises. */
    expectValid(method: string, pathTemplate: string, response: Response, body: unknown) {
      validator.assertResponse({
        method,
        path: pathTemplate,
        status: response.status,
        contentType: response.headers.get("content-type"),
        body,
      });
    },
  };
}

type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  request_id: string;
  errors: { pointer: string; detail: string }[];
};

/** Asserts an RFC 9457 problem with our fields, the request id echoed, and no stack trace. */
export async function expectProblem(response: Response, status: number, code: string): Promise<ProblemBody> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as ProblemBody;
  expect(body).toMatchObject({ status, code });
  expect(body.type).toMatch(new RegExp(`/docs/errors#${code}$`));
  expect(typeof body.title).toBe("string");
  expect(typeof body.detail).toBe("string");
  expect(body.request_id).toMatch(/^req_/);
  expect(body.request_id).toBe(response.headers.get("x-request-id"));
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  body.errors ??= [];
  if (current) {
    const result = current.validateComponent("Problem", body);
    expect(result, JSON.stringify(result)).toEqual({ valid: true });
  }
  return body;
}
