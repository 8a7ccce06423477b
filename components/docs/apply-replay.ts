import type { DocsReplay } from "@/lib/request-logs/replay";

type ImmutableLike = { toJS(): unknown } | undefined;

/** The parts of Swagger UI's system the replay drives. */
export type ReplaySystem = {
  specSelectors: { specJson(): { getIn(path: string[]): ImmutableLike } };
  specActions: { changeParam(pathMethod: [string, string], name: string, location: string, value: string | null, isXml: boolean): void };
  oas3Actions: {
    setRequestBodyValue(options: { value: string; pathMethod: [string, string] }): void;
    setRequestContentType(options: { value: string; pathMethod: [string, string] }): void;
  };
  layoutActions: { show(path: string[], shown: boolean): void };
};

type Operation = {
  operationId?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, unknown> };
};

/**
 * Swagger UI's DOM id of an operation: its deep-link escaping (whitespace → "_"), then CSS.escape,
 * so a standard's tag with punctuation ("Account Information Service (AIS)") has backslashes in
 * its id (`operations-Account_Information_Service_\(AIS\)-getConsentStatus`).
 */
export function operationElementId(tag: string, operationId: string): string {
  const escape = (value: string) => cssEscape(value.trim().replace(/\s/g, "_"));
  return `operations-${escape(tag)}-${escape(operationId)}`;
}

/** CSS.escape (CSSOM) for the characters a tag or operation id holds; also where `CSS` is not defined (tests). */
function cssEscape(value: string): string {
  return [...value]
    .map((char, index) =>
      /[A-Za-z_\-\u0080-\uFFFF]/.test(char) || (/[0-9]/.test(char) && index > 0)
        ? char
        : /[0-9]/.test(char)
          ? `\\${char.charCodeAt(0).toString(16)} `
          : `\\${char}`,
    )
    .join("");
}

/**
 * Opens the logged call's operation in Try-it-out with its path params, query, replayable
 * headers and body filled in. Returns the operation's element id, or null if the current
 * contract has no such operation.
 */
export function applyReplay(system: ReplaySystem, replay: DocsReplay): string | null {
  const method = replay.method.toLowerCase();
  const operation = system.specSelectors.specJson().getIn(["paths", replay.route, method])?.toJS() as Operation | undefined;
  if (!operation?.operationId) return null;
  const pathMethod: [string, string] = [replay.route, method];
  const tag = operation.tags?.[0] ?? "default";
  system.layoutActions.show(["operations", tag, operation.operationId], true);

  const declared = operation.parameters ?? [];
  const set = (location: string, name: string, value: string) => {
    const param = declared.find((p) => p.in === location && p.name.toLowerCase() === name.toLowerCase());
    if (param) system.specActions.changeParam(pathMethod, param.name, location, value, false);
  };
  for (const [name, value] of Object.entries(replay.path_params)) set("path", name, value);
  // The reference pre-fills each operation's example query; a replay sends what the logged call sent, no
  // more. null, not "": Swagger UI neither sends nor validates a null value, nor fills the example in again.
  const sent = new Set(replay.query.map(([name]) => name.toLowerCase()));
  for (const param of declared)
    if (param.in === "query" && !sent.has(param.name.toLowerCase()))
      system.specActions.changeParam(pathMethod, param.name, "query", null, false);
  for (const [name, value] of replay.query) set("query", name, value);
  for (const [name, value] of Object.entries(replay.headers)) set("header", name, value);
  if (replay.body !== null && operation.requestBody?.content) {
    const contentType = Object.keys(operation.requestBody.content)[0];
    if (contentType) system.oas3Actions.setRequestContentType({ value: contentType, pathMethod });
    system.oas3Actions.setRequestBodyValue({ value: replay.body, pathMethod });
  }
  return operationElementId(tag, operation.operationId);
}
