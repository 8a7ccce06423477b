/**
 * The docs' first call for an app: GET /v1/accounts, open with Try-it-out on (a Swagger deep
 * link), authorised with the app's newest key or the one named (see pickDocsKey).
 */
export function tryItHref(options: { appId: string; keyId?: string }): string {
  const query = new URLSearchParams({ app: options.appId });
  if (options.keyId) query.set("key", options.keyId);
  return `/docs/api/accounts?${query}#/Accounts/listAccounts`;
}
