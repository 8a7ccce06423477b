/**
 * The API reference is split by product area: one area per OpenAPI tag (Accounts, Payments, FX…),
 * in the document's tag order. Everything here is derived from the document, so a new tag or
 * operation shows up without touching this file.
 */

export type OpenApiOperationObject = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  security?: Array<Record<string, string[]>>;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};
export type OpenApiDocumentLike = {
  openapi?: string;
  info?: { title?: string; description?: string; version?: string };
  servers?: Array<{ url: string; description?: string }>;
  tags?: Array<{ name: string; description?: string }>;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  security?: Array<Record<string, string[]>>;
  [key: string]: unknown;
};

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ApiOperation = {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  deprecated: boolean;
};

export type ApiArea = {
  slug: string;
  tag: string;
  /** The tag's description, first sentence only (cards, sidebar hints). */
  summary: string;
  description: string;
  operations: ApiOperation[];
};

/** The URL slug of an area: the tag lowercased, every run of non-alphanumerics a single `-`. */
export function areaSlug(tag: string): string {
  return tag
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Swagger UI's deep-link fragment of an operation (`deepLinking`): `#/<Tag>/<operationId>`, each part
 * URI-encoded as Swagger UI writes it (a space is `%20`; its older `_` form logs a deprecation error).
 */
export function operationFragment(tag: string, operationId: string): string {
  return `#/${encodeURIComponent(tag.trim())}/${encodeURIComponent(operationId.trim())}`;
}

/** Where an operation is documented: `/docs/api/<slug>#/<Tag>/<operationId>`. */
export function operationHref(tag: string, operationId: string): string {
  return `/docs/api/${areaSlug(tag)}${operationFragment(tag, operationId)}`;
}

export function areaHref(tag: string): string {
  return `/docs/api/${areaSlug(tag)}`;
}

function firstSentence(text: string): string {
  const plain = text
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\*\*([^*]*)\*\*/g, "$1")
    .trim();
  const match = /^(.+?[.!?])(\s|$)/s.exec(plain);
  return (match ? match[1] : plain).replace(/\s+/g, " ");
}

/** Every operation of the document, in path order, with the tag that files it (the first one). */
export function listOperations(document: OpenApiDocumentLike): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OpenApiOperationObject | undefined;
      if (!operation) continue;
      operations.push({
        method,
        path,
        operationId: operation.operationId ?? `${method}_${path}`,
        summary: operation.summary ?? `${method.toUpperCase()} ${path}`,
        tag: operation.tags?.[0] ?? "default",
        deprecated: Boolean(operation.deprecated),
      });
    }
  }
  return operations;
}

/** The areas of the reference, in the document's tag order; tags without operations are left out. */
export function listApiAreas(document: OpenApiDocumentLike): ApiArea[] {
  const operations = listOperations(document);
  const declared = document.tags ?? [];
  const names = [...declared.map((tag) => tag.name), ...operations.map((operation) => operation.tag)];
  const areas: ApiArea[] = [];
  for (const name of new Set(names)) {
    const ofTag = operations.filter((operation) => operation.tag === name);
    if (!ofTag.length) continue;
    const description = declared.find((tag) => tag.name === name)?.description ?? "";
    areas.push({ slug: areaSlug(name), tag: name, summary: firstSentence(description), description, operations: ofTag });
  }
  return areas;
}

export function findApiArea(document: OpenApiDocumentLike, slug: string): ApiArea | undefined {
  return listApiAreas(document).find((area) => area.slug === slug);
}

/** The area documenting a route template and method (e.g. a logged call to replay), if any. */
export function findAreaOfOperation(document: OpenApiDocumentLike, method: string, route: string): ApiArea | undefined {
  const operation = listOperations(document).find((candidate) => candidate.method === method.toLowerCase() && candidate.path === route);
  return operation && listApiAreas(document).find((area) => area.tag === operation.tag);
}

/** Every `#/components/<kind>/<name>` reached from `value`, following references transitively. */
function collectComponentRefs(document: OpenApiDocumentLike, value: unknown, found: Set<string>) {
  const stack = [value];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (key === "$ref" && typeof child === "string" && child.startsWith("#/components/") && !found.has(child)) {
          found.add(child);
          const [, , kind, name] = child.split("/");
          stack.push(document.components?.[kind]?.[decodeURIComponent(name)]);
        } else stack.push(child);
      }
    }
  }
}

/**
 * The document narrowed to one tag: the operations it files first, tagged with it alone, its tag
 * only, and only the components they reference (security schemes are kept whole), so Swagger UI
 * shows just that area.
 */
export function filterDocumentByTag(document: OpenApiDocumentLike, tag: string): OpenApiDocumentLike {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      const isOperation = (HTTP_METHODS as readonly string[]).includes(key);
      if (!isOperation) kept[key] = value;
      // An operation filed under more tags (minting a consent is also a sandbox control) shows here only.
      else if (((value as OpenApiOperationObject).tags?.[0] ?? "default") === tag)
        kept[key] = { ...(value as OpenApiOperationObject), tags: [tag] };
    }
    if (HTTP_METHODS.some((method) => method in kept)) paths[path] = kept;
  }
  const refs = new Set<string>();
  collectComponentRefs(document, paths, refs);
  const components: Record<string, Record<string, unknown>> = {};
  for (const [kind, entries] of Object.entries(document.components ?? {})) {
    if (!entries) continue;
    const keep =
      kind === "securitySchemes" ? Object.keys(entries) : Object.keys(entries).filter((name) => refs.has(`#/components/${kind}/${name}`));
    if (keep.length) components[kind] = Object.fromEntries(keep.map((name) => [name, entries[name]]));
  }
  return { ...document, tags: (document.tags ?? []).filter((candidate) => candidate.name === tag), paths, components };
}
