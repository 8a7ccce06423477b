import { Alert } from "@/components/ui/alert";

/**
 * At the top of the security page when a team's "members must use two-factor" policy shuts the
 * developer out: which teams, what they cannot do, and what to do (the cards below). The team's
 * pages send them here.
 */
export function TwoFactorPolicyBanner({ teams }: { teams: Array<{ id: string; name: string }> }) {
  if (teams.length === 0) return null;
  const names = teams.map((team) => team.name);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return (
    <Alert
      tone="warning"
      role="alert"
      data-testid="two-factor-policy-banner"
      title={`${list} ${names.length === 1 ? "requires" : "require"} two-factor authentication`}
    >
      Set up an authenticator app or a passkey below to get back in. Until then you can&apos;t open{" "}
      {names.length === 1 ? "the team's" : "their"} apps, keys, logs or members, or call its sandbox from the docs.
    </Alert>
  );
}
