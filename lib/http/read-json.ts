import type { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { zodIssuesToFieldErrors } from "./route-handler";

/** Portal JSON bodies are small forms; anything larger is refused before parsing. */
const MAX_BODY_BYTES = 1024 * 1024;
const tooLarge = (limit: number) =>
  new AppError("payload_too_large", `Request bodies are limited to ${Math.round(limit / 1024 / 1024)} MiB.`);

/** `application/json`, or a structured `+json` type such as `application/merge-patch+json`. */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const mediaType = value.split(";")[0].trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/**
 * Reads and validates a JSON body. Throws AppError: 415 unsupported_media_type (not JSON),
 * 400 malformed_json (empty or unparsable), 400 validation_failed with `/body/...` pointers.
 */
export async function readJson<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  options: { maxBytes?: number } = {},
): Promise<z.output<Schema>> {
  const limit = options.maxBytes ?? MAX_BODY_BYTES;
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge(limit);
  const text = await request.text();
  if (Buffer.byteLength(text) > limit) throw tooLarge(limit);
  if (text.trim() === "") throw new AppError("malformed_json", "The request body is empty; send a JSON object");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may hold a password: never echo it.
    throw new AppError("malformed_json");
  }
  const result = await schema.safeParseAsync(body);
  if (!result.success) {
    throw new AppError("validation_failed", "Some fields are missing or invalid", {
      errors: zodIssuesToFieldErrors(result.error.issues),
    });
  }
  return result.data;
}
