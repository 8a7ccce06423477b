/**
 * JSON pointers (RFC 6901) for `errors[].pointer`: `["owner", "email"]` under `/body` →
 * `/body/owner/email`. Both surfaces point at invalid fields the same way.
 */

/** `~` and `/` inside a segment are escaped as `~0` and `~1`. */
export function pointerSegment(segment: PropertyKey): string {
  return String(typeof segment === "symbol" ? segment.description : segment)
    .replaceAll("~", "~0")
    .replaceAll("/", "~1");
}

/** A pointer from a root (`/body`, `/query`) and a path of keys and indexes. */
export function toPointer(root: string, path: readonly PropertyKey[]): string {
  return root + path.map((segment) => "/" + pointerSegment(segment)).join("");
}
