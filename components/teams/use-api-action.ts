"use client";

import { useState } from "react";
import { fieldErrors, problemMessage, readProblem } from "@/lib/http/read-problem";

/**
 * One portal API call from a button or form: pending state, and the problem's message (or
 * its per-field messages) when it fails. Resolves to the response when it succeeded.
 */
export function useApiAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});

  async function run(method: string, url: string, body?: unknown): Promise<Response | undefined> {
    setPending(true);
    setError(undefined);
    setFields({});
    try {
      const response = await fetch(url, {
        method,
        headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.ok) return response;
      const problem = await readProblem(response);
      const found = fieldErrors(problem).fields;
      setFields(found);
      if (Object.keys(found).length === 0) setError(problemMessage(problem));
      return undefined;
    } catch {
      setError("We couldn't reach the server. Check your connection and try again.");
      return undefined;
    } finally {
      setPending(false);
    }
  }

  function reset() {
    setError(undefined);
    setFields({});
  }

  return { run, pending, error, fields, reset };
}
