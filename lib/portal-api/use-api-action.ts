"use client";

import { useCallback, useState } from "react";
import { asProblem, fieldErrors, problemMessage } from "@/lib/http/read-problem";

/** What a `portalApi` call resolves to (openapi-fetch's result). */
type ApiResult<Data> = { data?: Data; error?: unknown; response: Response };

/** A successful call: its typed body (undefined for 204). */
export type ApiSuccess<Data> = { data: Data };

export const NETWORK_ERROR = "We couldn't reach the server. Check your connection and try again.";

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

  const run = useCallback(async <Data>(call: () => Promise<ApiResult<Data>>): Promise<ApiSuccess<Data> | undefined> => {
    setPending(true);
    setError(undefined);
    setFields({});
    try {
      const { data, error: body, response } = await call();
      if (response.ok) return { data: data as Data };
      const problem = asProblem(body, response.status);
      const found = fieldErrors(problem).fields;
      setFields(found);
      if (Object.keys(found).length === 0) setError(problemMessage(problem));
      return undefined;
    } catch {
      setError(NETWORK_ERROR);
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);

  return { run, pending, error, fields, reset, setError };
}
