import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { CliError } from "../errors.js";

/** A tool's answer: a short text for the model, and the same facts as structured content. */
export function answer(text: string, structured?: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text }], ...(structured ? { structuredContent: structured } : {}) };
}

/** A tool's refusal or failure, as a tool error (the model sees it and can correct itself). */
export function refusal(text: string, structured?: Record<string, unknown>): CallToolResult {
  return { ...answer(text, structured), isError: true };
}

/**
 * A refusal the tools throw from deep inside (a missing app or key), turned into a tool error
 * by `runTool`.
 */
export class ToolRefusal extends Error {}

/** An API failure as the model should read it: the problem's title, detail, field errors and request id. */
export function describeFailure(error: unknown): string {
  if (error instanceof ToolRefusal) return error.message;
  if (error instanceof CliError) {
    const problem = error.problem;
    if (!problem) return error.message;
    const lines = [`${problem.status ?? ""} ${problem.title ?? error.message}`.trim()];
    if (problem.code) lines.push(`code: ${problem.code}`);
    if (problem.detail) lines.push(`detail: ${problem.detail}`);
    for (const field of problem.errors ?? []) lines.push(`- ${field.pointer ?? ""}: ${field.detail ?? ""}`);
    if (problem.request_id) lines.push(`request id: ${problem.request_id} (explain_error can explain it)`);
    return lines.join("\n");
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs a tool's body: any failure becomes a tool error with a clear message, never a protocol error. */
export async function runTool(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    return refusal(describeFailure(error));
  }
}

/** JSON for the model: indented, so a model (and a person reading a transcript) can follow it. */
export const json = (value: unknown) => JSON.stringify(value, null, 2);
