import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { requestLogSelect, toRequestLogDto, type RequestLogDto } from "./list-request-logs";

export type RequestLogDetailDto = RequestLogDto & {
  request: { headers: Record<string, string>; body: string | null };
  response: { headers: Record<string, string>; body: string | null };
};

/** One logged call of the app with its (already masked) headers and bodies. */
export async function getRequestLog(options: { appId: string; requestId: string }): Promise<RequestLogDetailDto> {
  const row = await db().requestLog.findFirst({
    where: { id: options.requestId, appId: options.appId },
    select: { ...requestLogSelect, requestHeaders: true, requestBody: true, responseHeaders: true, responseBody: true },
  });
  if (!row) throw new AppError("resource_not_found", `No request ${options.requestId} in this app's logs.`);
  return {
    ...toRequestLogDto(row),
    request: { headers: (row.requestHeaders ?? {}) as Record<string, string>, body: row.requestBody },
    response: { headers: (row.responseHeaders ?? {}) as Record<string, string>, body: row.responseBody },
  };
}
