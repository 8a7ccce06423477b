import type { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { readText } from "./read-body";
import { zodIssuesToFieldErrors } from "./route-handler";

/** `application/json`, or a structured `+json` type such as `application/merge-patch+json`. */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const mediaType = value.split(";")[0].trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/**
 * Reads and validates a JSON body. Throws AppError: 415 unsupported_media_type (not JSON),
 * 413 payload_too_large (past `maxBytes`, 1 MiB by default: reading stops there, see readBody),
 * 400 malformed_json (empty or unparsable), 400 validation_failed with `/body/...` pointers.
 */
export async function readJson<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  options: { maxBytes?: number } = {},
): Promise<z.output<Schema>> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  const text = await readText(request, { maxBytes: options.maxBytes });
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
