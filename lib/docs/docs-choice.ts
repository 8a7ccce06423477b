/**
 * What the developer chose for Try-it-out, explicitly: one of their keys, a pasted key, or
 * nothing ("Sign out of Try-it-out"). Kept in a cookie scoped to /docs, so the server renders
 * the choice on first paint. It holds no secret: a key id (useless without the session that
 * owns the key) or a pasted key's display prefix (the secret stays in the tab's sessionStorage).
 */
export type DocsChoice = { kind: "key"; keyId: string } | { kind: "pasted"; prefix: string } | { kind: "none" };

export const DOCS_CHOICE_COOKIE = "obp_docs_key";

/** Ids are opaque; this only bounds what a cookie may carry into a database query. */
const KEY_ID = /^[0-9A-Za-z_]{1,64}$/;
/** A display prefix as `displayPrefix` writes it: the first 15 and last 4 characters of a key. */
const PASTED_PREFIX = /^sk_sandbox_[0-9A-Za-z]{4}…[0-9A-Za-z]{4}$/;

/** The cookie's value, or null when it is missing or not one this code wrote. */
export function parseDocsChoice(raw: string | null | undefined): DocsChoice | null {
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (value === "none") return { kind: "none" };
  const [kind, rest] = [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)];
  if (kind === "key" && KEY_ID.test(rest)) return { kind: "key", keyId: rest };
  if (kind === "pasted" && PASTED_PREFIX.test(rest)) return { kind: "pasted", prefix: rest };
  return null;
}

export function serializeDocsChoice(choice: DocsChoice): string {
  if (choice.kind === "none") return "none";
  return encodeURIComponent(choice.kind === "key" ? `key:${choice.keyId}` : `pasted:${choice.prefix}`);
}
