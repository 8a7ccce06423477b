import { formatDate, formatExact, formatRelative, formatUntil } from "@/components/dashboard/format-time";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { IconKey } from "@/components/ui/icons";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { TokenDto } from "@/lib/tokens/token-dto";
import { CreateTokenButton } from "./create-token-button";
import { RevokeTokenButton } from "./revoke-token-button";

function Expiry({ token, now }: { token: TokenDto; now: number }) {
  if (token.status === "revoked") {
    return <span className="text-fg-muted">Revoked {token.revoked_at ? formatRelative(token.revoked_at, now) : ""}</span>;
  }
  return (
    <time dateTime={token.expires_at} title={formatExact(token.expires_at)} className="text-fg-muted">
      {token.status === "expired" ? `Expired ${formatRelative(token.expires_at, now)}` : `Expires ${formatUntil(token.expires_at, now)}`}
    </time>
  );
}

/** The account's personal access tokens: create (shown once), list, revoke. */
export function AccessTokensSection({
  tokens,
  teams,
  portalUrl,
  now,
}: {
  tokens: TokenDto[];
  teams: { id: string; name: string }[];
  portalUrl: string;
  now: number;
}) {
  return (
    <Card data-testid="access-tokens">
      <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex flex-col gap-1">
          <CardTitle id="access-tokens-title">Access tokens</CardTitle>
          <CardDescription>
            For the <Code>openbank</Code> CLI and CI jobs: send one as <Code>Authorization: Bearer pat_…</Code> to the portal API. Shown
            once, when created.
          </CardDescription>
        </div>
        <CreateTokenButton teams={teams} portalUrl={portalUrl} />
      </CardHeader>
      <CardBody>
        {tokens.length === 0 ? (
          <EmptyState icon={<IconKey size={22} />} title="No access tokens">
            A token lets the CLI or a CI job manage your apps, keys, webhooks and sandbox without a browser. Give it the least it needs:
            read only, one team, a short expiry.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="tokens-table">
              <TableCaption className="sr-only">Your personal access tokens</TableCaption>
              <THead>
                <tr>
                  <TH>Name</TH>
                  <TH>Token</TH>
                  <TH>Teams</TH>
                  <TH>Expires</TH>
                  <TH>Last used</TH>
                  <TH>
                    <span className="sr-only">Actions</span>
                  </TH>
                </tr>
              </THead>
              <TBody>
                {tokens.map((token) => {
                  const dead = token.status !== "active";
                  return (
                    <TR key={token.id} data-token-id={token.id} className={dead ? "bg-surface-muted/40" : undefined}>
                      <TD>
                        <div className="flex flex-col gap-1">
                          <span className={dead ? "text-fg-muted line-through decoration-fg-subtle" : "font-medium"}>{token.name}</span>
                          <span className="text-xs text-fg-muted">
                            Created{" "}
                            <time dateTime={token.created_at} title={formatExact(token.created_at)}>
                              {formatDate(token.created_at)}
                            </time>
                          </span>
                        </div>
                      </TD>
                      <TD>
                        <div className="flex flex-col items-start gap-1">
                          <span className="font-mono text-xs whitespace-nowrap">{token.prefix}</span>
                          <Badge tone={token.scope === "write" ? "warning" : "neutral"}>
                            {token.scope === "write" ? "Read and write" : "Read"}
                          </Badge>
                        </div>
                      </TD>
                      <TD className="text-sm">{token.team_name ?? <span className="text-fg-muted">Every team</span>}</TD>
                      <TD className="text-sm whitespace-nowrap">
                        <Expiry token={token} now={now} />
                      </TD>
                      <TD className="whitespace-nowrap">
                        {token.last_used_at ? (
                          <div className="flex flex-col">
                            <time dateTime={token.last_used_at} title={formatExact(token.last_used_at)} className="text-fg-muted">
                              {formatRelative(token.last_used_at, now)}
                            </time>
                            {token.last_used_ip && <span className="font-mono text-xs text-fg-subtle">from {token.last_used_ip}</span>}
                          </div>
                        ) : (
                          <span className="text-fg-subtle">Never</span>
                        )}
                      </TD>
                      <TD className="text-right">
                        {!dead && <RevokeTokenButton tokenId={token.id} name={token.name} prefix={token.prefix} />}
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
