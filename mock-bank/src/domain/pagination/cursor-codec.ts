import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@openbank/contracts/errors";

export type SortKey = (string | number)[];

export type CursorCodec = {
  encode(scope: string, key: SortKey): string;
  /** The sort key, or an AppError(validation_failed) pointing at `/query/cursor`. */
  decode(scope: string, cursor: string): SortKey;
};

/**
 * Opaque list cursors: base64url(JSON sort key) + "." + a truncated HMAC over the list's
 * scope (tenant, filters) and the key. A cursor that was altered, or made for another list
 * or other filters, is refused with a 400 instead of silently skipping rows.
 */
export function createCursorCodec(secret: string): CursorCodec {
  const key = createHmac("sha256", secret).update("mock-bank cursor v1").digest();
  const sign = (scope: string, payload: string) =>
    createHmac("sha256", key).update(`${scope}\0${payload}`).digest().subarray(0, 12).toString("base64url");
  const invalid = () =>
    new AppError("validation_failed", "cursor: not a cursor from this list; pass next_cursor unchanged, with the same filters", {
      errors: [{ pointer: "/query/cursor", detail: "not a cursor from this list; pass next_cursor unchanged, with the same filters" }],
    });

  return {
    encode(scope, sortKey) {
      const payload = Buffer.from(JSON.stringify(sortKey)).toString("base64url");
      return `${payload}.${sign(scope, payload)}`;
    },
    decode(scope, cursor) {
      const [payload, signature, extra] = cursor.split(".");
      if (!payload || !signature || extra !== undefined) throw invalid();
      const expected = Buffer.from(sign(scope, payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
      try {
        const decoded: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
        if (Array.isArray(decoded) && decoded.every((part) => typeof part === "string" || typeof part === "number")) return decoded;
      } catch {
        // fall through: a signed but unreadable payload cannot happen unless the secret leaked
      }
      throw invalid();
    },
  };
}
