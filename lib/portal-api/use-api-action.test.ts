import { describe, expect, it } from "vitest";
import { callApi, NETWORK_ERROR } from "./use-api-action";

const answer = (status: number, body?: unknown) => async () => ({
  ...(status < 400 ? { data: body } : { error: body }),
  response: new Response(null, { status: status === 204 ? 204 : status }),
});

describe("callApi", () => {
  it("returns the typed body of a success, and undefined for 204", async () => {
    expect(await callApi(answer(201, { id: "app_1" }))).toEqual({ ok: true, data: { id: "app_1" } });
    expect(await callApi(answer(204))).toEqual({ ok: true, data: undefined });
  });

  it("turns a problem into its message with the request id, and its fields by pointer", async () => {
    const outcome = await callApi(
      answer(400, {
        title: "Invalid",
        detail: "Some fields are invalid",
        request_id: "req_9",
        errors: [{ pointer: "/body/name", detail: "Enter a name" }],
      }),
    );
    expect(outcome).toEqual({ ok: false, message: "Some fields are invalid (request req_9)", fields: { name: "Enter a name" } });
  });

  it("stands in for an answer that is not a problem (a proxy's HTML) and for a network failure", async () => {
    expect(await callApi(answer(502, "<html>Bad gateway</html>"))).toMatchObject({ ok: false, message: "The server answered 502" });
    const offline = await callApi(async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(offline).toEqual({ ok: false, message: NETWORK_ERROR, fields: {} });
  });
});
