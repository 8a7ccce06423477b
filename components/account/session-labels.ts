/** How a session signed in, in words (the row's `method`). */
const METHODS: Record<string, string> = {
  password: "Password",
  "password+totp": "Password and authenticator app",
  "password+recovery_code": "Password and recovery code",
  "password+passkey": "Password and passkey",
  passkey: "Passkey",
  sso: "Single sign-on",
};

export function signInMethodLabel(method: string): string {
  return METHODS[method] ?? method;
}

/** IPv4 and IPv6 loopback, as ipPrefix() cuts them: the portal's own machine (local development). */
const LOOPBACK = new Set(["127.0.0.0/24", "0:0:0::/48"]);

/** The network a session came from, said as what it is: a network, not an address or a place. */
export function networkLabel(ipPrefix: string): string {
  if (!ipPrefix || ipPrefix === "unknown") return "Unknown network";
  if (LOOPBACK.has(ipPrefix)) return "This machine (loopback)";
  return `${ipPrefix} network`;
}
