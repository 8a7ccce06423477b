/**
 * Berlin Group NextGenPSD2 1.3.11 errors: `{ tppMessages: [{ category, code, path?, text? }] }`
 * (the document's `Error4xx_NG_*` shapes), written the same way by the portal's gateway (its own
 * refusals) and the bank. The codes are the implementation guidelines' message codes.
 */
export const bgMessageCodes = [
  // 400
  "FORMAT_ERROR",
  "PARAMETER_NOT_CONSISTENT",
  "PARAMETER_NOT_SUPPORTED",
  "SERVICE_INVALID",
  "RESOURCE_UNKNOWN",
  "RESOURCE_EXPIRED",
  "RESOURCE_BLOCKED",
  "TIMESTAMP_INVALID",
  "PERIOD_INVALID",
  "SCA_METHOD_UNKNOWN",
  "SCA_INVALID",
  "CONSENT_UNKNOWN",
  "SESSIONS_NOT_SUPPORTED",
  "PAYMENT_FAILED",
  "EXECUTION_DATE_INVALID",
  "PRODUCT_INVALID",
  "FUNDS_NOT_AVAILABLE",
  // 401
  "CERTIFICATE_INVALID",
  "CERTIFICATE_EXPIRED",
  "CERTIFICATE_BLOCKED",
  "CERTIFICATE_REVOKED",
  "CERTIFICATE_MISSING",
  "SIGNATURE_INVALID",
  "SIGNATURE_MISSING",
  "CORPORATE_ID_INVALID",
  "PSU_CREDENTIALS_INVALID",
  "CONSENT_INVALID",
  "CONSENT_EXPIRED",
  "TOKEN_UNKNOWN",
  "TOKEN_INVALID",
  "TOKEN_EXPIRED",
  // 403
  "SERVICE_BLOCKED",
  "PRODUCT_UNKNOWN",
  // 405
  "CANCELLATION_INVALID",
  // 406
  "REQUESTED_FORMATS_INVALID",
  // 409
  "STATUS_INVALID",
  // 429
  "ACCESS_EXCEEDED",
  // 5xx (not in the document's enums: answered with FORMAT-free text)
  "INTERNAL_SERVER_ERROR",
  "SERVICE_UNAVAILABLE",
] as const;

export type BgMessageCode = (typeof bgMessageCodes)[number];

export type BgMessage = { code: BgMessageCode; text?: string; path?: string; category?: "ERROR" | "WARNING" };

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The `tppMessages` body; `text` is held to the document's 500 characters. */
export function bgErrorBody(messages: BgMessage[]) {
  return {
    tppMessages: messages.map((message) => ({
      category: message.category ?? "ERROR",
      code: message.code,
      ...(message.path ? { path: message.path } : {}),
      ...(message.text ? { text: cut(message.text, 500) } : {}),
    })),
  };
}
