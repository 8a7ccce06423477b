import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import type { z } from "zod";
import { requestLogSelect, toRequestLogDto } from "./list-request-logs";
import type { requestLogDetailDto } from "./request-log-dto";

export type RequestLogDetailDto = z.output<typeof requestLogDetailDto>;

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
