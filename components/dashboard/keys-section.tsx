import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { IconKey } from "@/components/ui/icons";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { KeyDto } from "@/lib/keys/key-dto";
import { CreateKeyButton } from "./create-key-button";
import { formatDate, formatExact, formatRelative, formatUntil } from "./format-time";
import { RevokeKeyButton } from "./revoke-key-button";
import { RollKeyButton } from "./roll-key-button";
import { SectionHeader } from "./section-header";
import { KeyScopeBadge, KeyStatusBadge } from "./status-badges";

/** When the key stops, or stopped: "in 3 h" for a rolled key in its overlap, the date otherwise. */
function Expiry({ apiKey, now }: { apiKey: KeyDto; now: number }) {
  if (apiKey.status === "revoked") {
    return (
      <span className="text-fg-muted" title={apiKey.revoked_at ? formatExact(apiKey.revoked_at) : undefined}>
        Revoked {apiKey.revoked_at ? formatRelative(apiKey.revoked_at, now) : ""}
      </span>
    );
  }
  if (!apiKey.expires_at) return <span className="text-fg-subtle">Never</span>;
  const at = apiKey.expires_at;
  return (
    <time dateTime={at} title={formatExact(at)} className={apiKey.status === "expiring" ? "font-medium text-warning" : "text-fg-muted"}>
      {apiKey.status === "expired"
        ? `Expired ${formatRelative(at, now)}`
        : `${apiKey.rolled_to_id ? "Rolled, stops" : "Expires"} ${formatUntil(at, now)}`}
    </time>
  );
}

/** The app's keys: working ones first, expired and revoked ones dimmed below them. */
export function KeysSection({
  appId,
  keys,
  portalUrl,
  now,
  canCreate,
  canRoll,
  canRevoke,
}: {
  appId: string;
  keys: KeyDto[];
  portalUrl: string;
  now: number;
  canCreate: boolean;
  canRoll: boolean;
  canRevoke: boolean;
}) {
  const showActions = canRoll || canRevoke;
  return (
    <section aria-labelledby="keys-title" className="flex flex-col gap-4">
      <SectionHeader
        id="keys-title"
        title="API keys"
        description={
          <>
            Send a key as <Code>Authorization: Bearer sk_sandbox_…</Code>. Secrets are shown once, when a key is created or rolled.
          </>
        }
        actions={canCreate ? <CreateKeyButton appId={appId} portalUrl={portalUrl} /> : undefined}
      />
      {keys.length === 0 ? (
        <EmptyState icon={<IconKey size={22} />} title="No keys yet">
          {canCreate ? "Create a key to call the sandbox as this app." : "Someone with developer access can create one."}
        </EmptyState>
      ) : (
        <Table data-testid="keys-table">
          <TableCaption className="sr-only">API keys of this app</TableCaption>
          <THead>
            <tr>
              <TH>Name</TH>
              <TH>Key</TH>
              <TH>Status</TH>
              <TH>Expires</TH>
              <TH>Last used</TH>
              {showActions && (
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              )}
            </tr>
          </THead>
          <TBody>
            {keys.map((key) => {
              const dead = key.status === "revoked" || key.status === "expired";
              const rollable = key.status === "active" || (key.status === "expiring" && !key.rolled_to_id);
              return (
                <TR key={key.id} data-key-id={key.id} className={dead ? "bg-surface-muted/40" : undefined}>
                  <TD>
                    <div className="flex flex-col gap-1">
                      <span className={dead ? "text-fg-muted line-through decoration-fg-subtle" : "font-medium"}>{key.name}</span>
                      <span className="text-xs text-fg-muted">
                        Created{" "}
                        <time dateTime={key.created_at} title={formatExact(key.created_at)}>
                          {formatDate(key.created_at)}
                        </time>
                      </span>
                    </div>
                  </TD>
                  <TD>
                    <div className="flex flex-col items-start gap-1">
                      <span className={dead ? "font-mono text-xs whitespace-nowrap text-fg-muted" : "font-mono text-xs whitespace-nowrap"}>
                        {key.prefix}
                      </span>
                      <KeyScopeBadge scope={key.scope} />
                    </div>
                  </TD>
                  <TD>
                    <KeyStatusBadge status={key.status} />
                  </TD>
                  <TD className="text-sm whitespace-nowrap">
                    <Expiry apiKey={key} now={now} />
                  </TD>
                  <TD className="whitespace-nowrap">
                    {key.last_used_at ? (
                      <div className="flex flex-col">
                        <time dateTime={key.last_used_at} title={formatExact(key.last_used_at)} className="text-fg-muted">
                          {formatRelative(key.last_used_at, now)}
                        </time>
                        {key.last_used_ip && <span className="font-mono text-xs text-fg-subtle">from {key.last_used_ip}</span>}
                      </div>
                    ) : (
                      <span className="text-fg-subtle">Never</span>
                    )}
                  </TD>
                  {showActions && (
                    <TD className="text-right">
                      {!dead && (
                        <div className="flex justify-end gap-2">
                          {canRoll && rollable && <RollKeyButton appId={appId} apiKey={key} portalUrl={portalUrl} />}
                          {canRevoke && <RevokeKeyButton appId={appId} keyId={key.id} keyName={key.name} prefix={key.prefix} />}
                        </div>
                      )}
                    </TD>
                  )}
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
    </section>
  );
}
