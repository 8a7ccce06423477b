import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { MAX_STORED_BODY_CHARS } from "./mask";

/** Node refuses request heads over 16 KiB, so no logged path or header value is longer. */
const MAX_HEAD_CHARS = 16 * 1024;

/** One gateway call as the logs list it. */
export const requestLogDto = z.object({
  id: resourceId.describe("The call's request id (`req_…`), also in its `X-Request-Id` header."),
  method: text(10),
  path: text(MAX_HEAD_CHARS).describe("With secrets and personal data in the query masked."),
  route: text(200).nullable().describe("The documented route it matched (`/v1/accounts/{account_id}`), or null."),
  status: z.number().int().min(0).max(999),
  latency_ms: z.number().min(0).max(3_600_000),
  key_id: resourceId.nullable().describe("The key it was made with; null for consent-token calls."),
  key_prefix: text(40).nullable(),
  created_at: timestamp,
});

/** A stored body: masked, truncated after MAX_STORED_BODY_CHARS with a note of what was cut. */
const storedBody = text(MAX_STORED_BODY_CHARS + 100).nullable();
const maskedHeaders = z.record(text(256), text(MAX_HEAD_CHARS)).describe("Lower-case names; credentials redacted, personal data masked.");

/** One logged call with its masked request and response. */
export const requestLogDetailDto = requestLogDto.extend({
  request: z.object({ headers: maskedHeaders, body: storedBody }),
  response: z.object({ headers: maskedHeaders, body: storedBody }),
});
