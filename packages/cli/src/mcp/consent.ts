import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { McpContext } from "./mcp-context.js";
import { answer, refusal } from "./tool-result.js";

/**
 * How a write tool gets the user's consent before it changes anything:
 * - `elicit`: the client declared the elicitation capability, so the server asks the user
 *   itself (a form with the preview and a yes/no); `confirm` in the arguments does not replace
 *   that answer: the model cannot consent for the user;
 * - `preview`: no elicitation and no `confirm: true`: nothing is done, the tool answers what it
 *   would change and asks to be called again with `confirm: true` once the user agreed;
 * - `proceed`: no elicitation, and the call carries `confirm: true`.
 */
export type ConsentStep = "elicit" | "preview" | "proceed";

export function consentStep(options: { clientCanElicit: boolean; confirm?: boolean }): ConsentStep {
  if (options.clientCanElicit) return "elicit";
  return options.confirm === true ? "proceed" : "preview";
}

/** What the elicitation answered: only an accepted form with `confirm: true` is consent. */
export function elicitedConsent(result: { action: string; content?: Record<string, unknown> }): boolean {
  return result.action === "accept" && result.content?.confirm === true;
}

/** The sentence every write tool's description ends with. */
export const CONSENT_NOTE =
  "It changes data, so it needs the user's consent: if your client supports elicitation, the server asks the user directly; otherwise the first call changes nothing and answers a preview of exactly what would change, and you call again with `confirm: true` only after the user agreed.";

/** A write by a `read` personal access token: refused before any preview. */
export function readTokenRefusal(context: McpContext): CallToolResult | null {
  if (context.tokenScope !== "read") return null;
  return refusal(
    "This personal access token's scope is read: it cannot run write tools. Connect with a write token (created in the account's tokens page).",
    {
      done: false,
      reason: "insufficient_scope",
    },
  );
}

/**
 * Asks for consent for a write described by `preview` (a sentence or two that say exactly what
 * will change). Null: go ahead. Otherwise the answer to return instead: the preview (nothing
 * done yet) or the user's refusal.
 */
export async function obtainConsent(
  server: McpServer,
  options: { preview: string; confirm?: boolean; relatedRequestId?: string | number },
): Promise<CallToolResult | null> {
  const clientCanElicit = Boolean(server.server.getClientCapabilities()?.elicitation);
  const step = consentStep({ clientCanElicit, confirm: options.confirm });
  if (step === "proceed") return null;
  if (step === "preview") {
    return answer(
      `Nothing was changed yet. This is what the call would do:\n\n${options.preview}\n\nAsk the user; if they agree, call this tool again with the same arguments and \`confirm: true\`.`,
      { done: false, needs_confirmation: true, preview: options.preview },
    );
  }
  let accepted = false;
  try {
    const result = await server.server.elicitInput(
      {
        mode: "form",
        message: `${options.preview}\n\nDo you want to go ahead?`,
        requestedSchema: {
          type: "object",
          properties: { confirm: { type: "boolean", title: "Go ahead", description: "Yes: make this change now." } },
          required: ["confirm"],
        },
      },
      options.relatedRequestId === undefined ? undefined : { relatedRequestId: options.relatedRequestId },
    );
    accepted = elicitedConsent(result);
  } catch (error) {
    return refusal(`Could not ask the user for consent (${(error as Error).message}): nothing was changed.`, { done: false });
  }
  return accepted ? null : refusal(`The user did not agree: nothing was changed.\n\n${options.preview}`, { done: false, declined: true });
}
