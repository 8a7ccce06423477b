import { afterEach, describe, expect, it, vi } from "vitest";
import { CliError, EXIT } from "./errors.js";
import { fail, print, table } from "./output.js";

function capture(stream: "stdout" | "stderr") {
  const chunks: string[] = [];
  vi.spyOn(process[stream], "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  return () => chunks.join("");
}

afterEach(() => vi.restoreAllMocks());

describe("output", () => {
  it("prints a table with a header, aligned columns and '-' for missing values, or the empty hint", () => {
    expect(
      table(
        [
          { id: "key_1", name: "ci" },
          { id: "key_22", name: null },
        ],
        ["id", "name"],
      ),
    ).toBe("ID      NAME\nkey_1   ci\nkey_22  -");
    expect(table([], ["id"], "No keys.")).toBe("No keys.");
  });

  it("prints JSON that parses with --json, the human text otherwise", () => {
    const out = capture("stdout");
    print({ json: true }, { a: [1] }, () => "human");
    print({ json: false }, { a: [1] }, () => "human");
    const [json, human] = out().split(/\n(?=human)/);
    expect(JSON.parse(json)).toEqual({ a: [1] });
    expect(human).toBe("human\n");
  });

  it("prints a problem's title, status and code, detail, each pointer and the request id, and gives its exit code", () => {
    const err = capture("stderr");
    const problem = CliError.fromProblem(
      422,
      {
        title: "An override does not apply to this event",
        code: "event_override_invalid",
        detail: "Nothing was fired. object.amount is not in the event: object has object.id.",
        errors: [{ pointer: "/body/overrides/object.amount", detail: "object.amount is not in the event" }],
      },
      "req_123",
    );
    expect(fail({ json: false }, problem)).toBe(EXIT.failed);
    expect(err()).toBe(
      [
        "Error: An override does not apply to this event (422 event_override_invalid)",
        "Nothing was fired. object.amount is not in the event: object has object.id.",
        "  /body/overrides/object.amount: object.amount is not in the event",
        "Request id: req_123",
        "",
      ].join("\n"),
    );
  });

  it("with --json, prints the error as one JSON document; a 401 is exit 3", () => {
    const err = capture("stderr");
    expect(fail({ json: true }, CliError.fromProblem(401, { title: "Not signed in", code: "unauthenticated" }, "req_9"))).toBe(
      EXIT.unauthenticated,
    );
    expect(JSON.parse(err())).toEqual({
      error: { message: "Not signed in", exit_code: 3, title: "Not signed in", code: "unauthenticated", status: 401, request_id: "req_9" },
    });
  });
});
