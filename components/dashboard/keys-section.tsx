import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { IconKey } from "@/components/ui/icons";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { KeyDto } from "@/lib/keys/key-dto";
import { CreateKeyButton } from "./create-key-button";
import { formatDate, formatExact, formatRelative } from "./format-time";
import { RevokeKeyButton } from "./revoke-key-button";
import { SectionHeader } from "./section-header";
import { KeyStatusBadge } from "./status-badges";

/** The app's keys: active first, revoked ones dimmed below them. */
export function KeysSection({
  appId,
  keys,
  portalUrl,
  now,
  canCreate,
  canRevoke,
}: {
  appId: string;
  keys: KeyDto[];
  portalUrl: string;
  now: number;
  canCreate: boolean;
  canRevoke: boolean;
}) {
  return (
    <section aria-labelledby="keys-title" className="flex flex-col gap-4">
      <SectionHeader
        id="keys-title"
        title="API keys"
        description={
          <>
            Send a key as <Code>Authorization: Bearer sk_sandbox_…</Code>. Secrets are shown once, when a key is created.
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
              <TH>Created</TH>
              <TH>Last used</TH>
              {canRevoke && (
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              )}
            </tr>
          </THead>
          <TBody>
            {keys.map((key) => {
              const revoked = key.status === "revoked";
              return (
                <TR key={key.id} data-key-id={key.id} className={revoked ? "bg-surface-muted/40" : undefined}>
                  <TD>
                    <span className={revoked ? "text-fg-muted line-through decoration-fg-subtle" : "font-medium"}>{key.name}</span>
                  </TD>
                  <TD>
                    <span className={revoked ? "font-mono text-xs whitespace-nowrap text-fg-muted" : "font-mono text-xs whitespace-nowrap"}>
                      {key.prefix}
                    </span>
                  </TD>
                  <TD>
                    <KeyStatusBadge status={key.status} />
                  </TD>
                  <TD className="whitespace-nowrap">
                    <time dateTime={key.created_at} title={formatExact(key.created_at)} className="text-fg-muted">
                      {formatDate(key.created_at)}
                    </time>
                  </TD>
                  <TD className="whitespace-nowrap">
                    {key.last_used_at ? (
                      <time dateTime={key.last_used_at} title={formatExact(key.last_used_at)} className="text-fg-muted">
                        {formatRelative(key.last_used_at, now)}
                      </time>
                    ) : (
                      <span className="text-fg-subtle">Never</span>
                    )}
                  </TD>
                  {canRevoke && (
                    <TD className="text-right">
                      {revoked ? (
                        <span className="text-xs whitespace-nowrap text-fg-muted" title={key.revoked_at ? formatExact(key.revoked_at) : undefined}>
                          Revoked {key.revoked_at ? formatRelative(key.revoked_at, now) : ""}
                        </span>
                      ) : (
                        <RevokeKeyButton appId={appId} keyId={key.id} keyName={key.name} prefix={key.prefix} />
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
