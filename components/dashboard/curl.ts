/** The first call every guide starts with, against the portal's gateway. */
export function curlFirstCall(portalUrl: string, secret = "sk_sandbox_…"): string {
  return `curl ${portalUrl.replace(/\/$/, "")}/v1/accounts \\\n  -H "Authorization: Bearer ${secret}"`;
}
