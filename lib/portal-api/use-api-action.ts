"use client";

import { useCallback, useState } from "react";
import { asProblem, fieldErrors, problemMessage } from "@/lib/http/read-problem";
import { requestStepUp } from "@/lib/sessions/step-up-prompt";

/** What a `portalApi` call resolves to (openapi-fetch's result). */
type ApiResult<Data> = { data?: Data; error?: unknown; response: Response };

/** A successful call: its typed body (undefined for 204). */
export type ApiSuccess<Data> = { data: Data };

export const NETWORK_ERROR = "We couldn't reach the server. Check your connection and try again.";

/** A call's outcome as the UI needs it: the typed body, or what to tell the person. */
export type ApiOutcome<Data> = { ok: true; data: Data } | { ok: false; message: string; fields: Record<string, string> };

/**
 * Runs one portal API call and never throws: the body, or the problem's message (with the request
 * id to quote) and its per-field messages, or the network failure in words. For reads that refresh
 * in the background; buttons and forms use `useApiAction`, which keeps the state for them.
 * A sensitive action answered 403 `step_up_required` asks the developer to confirm it's them
 * (the step-up dialog), then runs once more.
 */
export async function callApi<Data>(call: () => Promise<ApiResult<Data>>, options: { stepUp?: boolean } = {}): Promise<ApiOutcome<Data>> {
  try {
    const { data, error: body, response } = await call();
    if (response.ok) return { ok: true, data: data as Data };
    const problem = asProblem(body, response.status);
    if (problem.code === "step_up_required" && options.stepUp !== false && (await requestStepUp())) return callApi(call, { stepUp: false });
    return { ok: false, message: problemMessage(problem), fields: fieldErrors(problem).fields };
  } catch {
    return { ok: false, message: NETWORK_ERROR, fields: {} };
  }
}

/**
 * The one way a button or form calls the portal API: pending state, and the problem's message, or
 * its per-field messages keyed by pointer below /body (`name`, `redirect_uris/1`), when it fails.
 *
 *   const action = useApiAction();
 *   const done = await action.run(() => portalApi.DELETE("/api/apps/{appId}/keys/{keyId}", { params: { path: { appId, keyId } } }));
 *   if (done) router.refresh();
 */
export function useApiAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});

  const reset = useCallback(() => {
    setError(undefined);
    setFields({});
  }, []);

  const run = useCallback(
    async <Data>(call: () => Promise<ApiResult<Data>>): Promise<ApiSuccess<Data> | undefined> => {
      setPending(true);
      reset();
      const outcome = await callApi(call);
      setPending(false);
      if (outcome.ok) return { data: outcome.data };
      setFields(outcome.fields);
      // Field problems show beside their fields; a problem without any shows as one message.
      if (Object.keys(outcome.fields).length === 0) setError(outcome.message);
      return undefined;
    },
    [reset],
  );

  return { run, pending, error, fields, reset, setError };
}
