export const DEFAULT_CALLBACK_PATH = "/dashboard";

/**
 * Where to send someone after signing in: a path on this site, never elsewhere (open
 * redirect). Accepts "/path?query#hash", or an absolute URL on `origin`; anything else, such as
 * "//evil.example", "/\\evil.example" or "https://evil.example", gives `fallback`.
 */
export function safeCallbackPath(value: string | null | undefined, options: { origin?: string; fallback?: string } = {}): string {
  const fallback = options.fallback ?? DEFAULT_CALLBACK_PATH;
  if (!value || value.length > 2048) return fallback;
  // Backslashes and control characters are how "relative" paths become other hosts.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;

  const base = "http://portal.invalid";
  let url: URL;
  if (value.startsWith("/") && !value.startsWith("//")) {
    url = new URL(value, base);
    if (url.origin !== base) return fallback;
  } else if (options.origin) {
    try {
      url = new URL(value);
    } catch {
      return fallback;
    }
    if (url.origin !== new URL(options.origin).origin) return fallback;
  } else {
    return fallback;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * next-auth's `redirect` callback: where a sign-in or sign-out may send the browser, from its
 * `callbackUrl` parameter or cookie. The default callback parses the value with `new URL` and
 * crashes (HTTP 500) on an invalid one such as `http://localhost:3000.evil.example/`; this one
 * never throws and keeps the browser on this site (anything else gives the site's root).
 */
export function nextAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return `${baseUrl}${safeCallbackPath(url, { origin: baseUrl, fallback: "/" })}`;
}
