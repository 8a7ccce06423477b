import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { startTestPortal } from "@/tests/support/test-portal";
import { readBody } from "./read-body";
import { toAppError, withErrors, zodIssuesToFieldErrors } from "./route-handler";

startTestPortal();

const request = (init: RequestInit = {}) => new Request("http://localhost:3000/api/things?token=secret", init);

afterEach(() => vi.restoreAllMocks());

describe("zodIssuesToFieldErrors", () => {
  it("turns paths into /body pointers, escaping ~ and /", () => {
    const schema = z.object({ owner: z.object({ email: z.email() }), items: z.array(z.string()), "a/b~c": z.string() });
    const result = schema.safeParse({ owner: { email: "x" }, items: ["ok", 3] });
    expect(zodIssuesToFieldErrors(result.error!.issues).map((error) => error.pointer)).toEqual([
      "/body/owner/email",
      "/body/items/1",
      "/body/a~1b~0c",
    ]);
  });

  it("points at the root itself for a wrong top-level type, and takes another root", () => {
    const issues = z.object({}).safeParse(1).error!.issues;
    expect(zodIssuesToFieldErrors(issues)[0].pointer).toBe("/body");
    expect(zodIssuesToFieldErrors(z.object({ limit: z.number() }).safeParse({}).error!.issues, "/query")[0].pointer).toBe("/query/limit");
  });
});

describe("toAppError", () => {
  it("maps ZodError, SyntaxError and AppError; leaves bugs alone", () => {
    const zod = toAppError(z.object({ a: z.string() }).safeParse({}).error);
    expect(zod).toMatchObject({ code: "validation_failed", status: 400, errors: [{ pointer: "/body/a" }] });
    expect(toAppError(new SyntaxError('Unexpected token "p", "password=hunter2" is not valid JSON'))).toMatchObject({
      code: "malformed_json",
      message: "The request body is not valid JSON",
    });
    const own = new AppError("email_taken");
    expect(toAppError(own)).toBe(own);
    expect(toAppError(new TypeError("x is undefined"))).toBeUndefined();
    expect(toAppError("a string")).toBeUndefined();
  });

  it("answers a SQLite write refused as busy with 503 and Retry-After, not 500", async () => {
    const busy = Object.assign(new Error("Operation has timed out"), {
      code: "P1008",
      meta: { modelName: "ApiKey", driverAdapterError: { name: "DriverAdapterError", cause: { kind: "SocketTimeout" } } },
    });
    expect(toAppError(busy)).toMatchObject({ code: "service_unavailable", status: 503, headers: { "retry-after": "1" } });
    const response = await withErrors(async () => {
      throw busy;
    })(request(), {});
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 503, code: "service_unavailable" });
  });
});

describe("withErrors", () => {
  it("passes successful responses through with a request id", async () => {
    const handler = withErrors(async () => Response.json({ ok: true }, { status: 201 }));
    const response = await handler(request(), {});
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("says `Cache-Control: private, no-store` on every answer whose route chose nothing (a public document keeps its own)", async () => {
    const chosen = withErrors(async () => Response.json({}, { headers: { "cache-control": "public, max-age=60" } }));
    expect((await chosen(request(), {})).headers.get("cache-control")).toBe("public, max-age=60");
    const unchosen = withErrors(async () => Response.json({ mine: true }));
    expect((await unchosen(request(), {})).headers.get("cache-control")).toBe("private, no-store");
    const failing = withErrors(async () => {
      throw new AppError("unauthenticated");
    });
    expect((await failing(request(), {})).headers.get("cache-control")).toBe("private, no-store");
  });

  it("answers a body past the bounded reader's limit as 413 problem+json that closes the connection", async () => {
    const handler = withErrors(async (req: Request) => Response.json((await readBody(req, { maxBytes: 8 })).length));
    const response = await handler(request({ method: "POST", body: "0123456789" }), {});
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect((await response.json()).code).toBe("payload_too_large");
  });

  it("answers an AppError as problem+json", async () => {
    const handler = withErrors(async () => {
      throw new AppError("email_taken", undefined, { errors: [{ pointer: "/body/email", detail: "taken" }] });
    });
    const response = await handler(request(), {});
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await response.json();
    expect(body).toMatchObject({
      code: "email_taken",
      status: 409,
      title: "An account with this email already exists",
      errors: [{ pointer: "/body/email", detail: "taken" }],
    });
    expect(body.type).toMatch(/\/docs\/errors#email_taken$/);
    expect(body.request_id).toBe(response.headers.get("x-request-id"));
  });

  it("answers request.json() on a bad body as 400 malformed_json", async () => {
    const handler = withErrors(async (req: Request) => Response.json(await req.json()));
    const response = await handler(request({ method: "POST", body: "{nope" }), {});
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("malformed_json");
  });

  it("logs an unexpected error once, without query string, and answers a bare 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = withErrors(async () => {
      throw new Error("database exploded");
    });
    const response = await handler(request(), {});
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toMatchObject({ code: "internal_error", detail: "Something went wrong on our side" });
    expect(JSON.stringify(body)).not.toContain("exploded");
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0][0]);
    expect(line).toContain(body.request_id);
    expect(line).toContain("GET /api/things failed: Error: database exploded");
    expect(line).not.toContain("secret");
  });
});
