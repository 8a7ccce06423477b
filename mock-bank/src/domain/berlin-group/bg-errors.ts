import type { AppError } from "@openbank/contracts/errors";
import { bgErrorBody, bgMessageOf, type BgMessageCode } from "@openbank/contracts/berlin-group-errors";

/**
 * The Berlin Group surface's errors: thrown as AppError with one of our codes, or `BgError` for a
 * rule only the standard has; answered as `{ tppMessages: [...] }` with the standard's codes (ours
 * mapped by `bgMessageOf`, the table the gateway's refusals use too).
 */
export class BgError extends Error {
  constructor(
    readonly status: number,
    readonly code: BgMessageCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/**
 * Our JSON pointers as NextGenPSD2 paths: a header as the document spells it ("/headers/psu-ip-address"
 * → "PSU-IP-Address"), a body field dotted ("/body/instructedAmount/amount" → "instructedAmount.amount",
 * "/body/payments/0/creditorName" → "payments[0].creditorName"), a parameter by its name.
 */
function bgPath(pointer: string): string {
  const field = /^\/(body|query|params)\/(.+)$/.exec(pointer)?.[2];
  if (field)
    return field.split("/").reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
  const header = /^\/headers\/(.+)$/.exec(pointer)?.[1];
  if (!header) return pointer;
  return header
    .split("-")
    .map((part) => (["id", "ip", "uri", "psu", "tpp", "sca"].includes(part) ? part.toUpperCase() : part[0].toUpperCase() + part.slice(1)))
    .join("-");
}

export type BgAnswer = { status: number; headers: Record<string, string>; body: ReturnType<typeof bgErrorBody> };

export function bgErrorAnswer(error: AppError | BgError): BgAnswer {
  if (error instanceof BgError)
    return { status: error.status, headers: {}, body: bgErrorBody([{ code: error.code, text: error.message, path: error.path }]) };
  const { code, status } = bgMessageOf(error.code, error.status);
  const fields = error.errors?.length ? error.errors : null;
  return {
    status,
    headers: { ...(error.headers ?? {}) },
    body: bgErrorBody(
      fields
        ? fields.map((field) => ({ code, text: `${bgPath(field.pointer)}: ${field.detail}`, path: bgPath(field.pointer) }))
        : [{ code, text: error.message }],
    ),
  };
}
