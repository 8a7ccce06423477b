import type { Metadata } from "next";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { formatDate, formatExact, formatRelative, formatUntil } from "@/components/dashboard/format-time";
import { SectionHeader } from "@/components/dashboard/section-header";
import { RoleBadge } from "@/components/dashboard/status-badges";
import { InviteMemberButton } from "@/components/teams/invite-member-button";
import { LeaveTeamButton } from "@/components/teams/leave-team-button";
import { RemoveMemberButton, ResendInviteButton, RevokeInviteButton } from "@/components/teams/member-actions";
import { MemberRoleSelect } from "@/components/teams/member-role-select";
import { SecurityPoliciesCard } from "@/components/teams/security-policies-card";
import { TransferOwnershipButton } from "@/components/teams/transfer-ownership-button";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IconShield, IconUserPlus } from "@/components/ui/icons";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listInvites } from "@/lib/teams/list-invites";
import { listMembers } from "@/lib/teams/list-members";
import { policyOwnerState } from "@/lib/team-policies/policy-owner-state";
import { getTeamPolicies } from "@/lib/team-policies/team-policy-dto";
import { ASSIGNABLE_ROLES, can, canInviteAs, canManageMember } from "@/lib/teams/permissions";
import { loadTeam } from "./load-team";

/** Members and invitations, with the one clock the page's relative times are measured from. */
async function loadPeople(teamId: string) {
  const [members, invites] = await Promise.all([listMembers({ teamId }), listInvites({ teamId })]);
  return { members, invites, now: Date.now() };
}

type Props = { params: Promise<{ teamId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { teamId } = await params;
  const { access } = await loadTeam(teamId, "team:read", `/dashboard/teams/${teamId}`);
  return { title: access.teamName };
}

export default async function TeamPage({ params }: Props) {
  const { teamId } = await params;
  const { user, access } = await loadTeam(teamId, "team:read", `/dashboard/teams/${teamId}`);
  const role = access.role;
  const [{ members, invites, now }, policies, owner] = await Promise.all([
    loadPeople(teamId),
    access.personal ? null : getTeamPolicies(teamId),
    role === "owner" && !access.personal ? policyOwnerState(user) : null,
  ]);
  const invitable = ASSIGNABLE_ROLES.filter((candidate) => canInviteAs(role, candidate));
  const canManageInvites = can(role, "invite:revoke");
  const others = members.filter((member) => member.user_id !== user.id);

  return (
    <DashboardShell
      crumbs={[{ label: "Dashboard", href: "/dashboard" }, { label: "Teams", href: "/dashboard/teams" }, { label: access.teamName }]}
    >
      <header className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight break-words text-fg sm:text-3xl">{access.teamName}</h1>
            {access.personal && <Badge>personal</Badge>}
          </div>
          <p className="mt-2 text-fg-muted">
            You are <RoleBadge role={role} /> · {members.length} {members.length === 1 ? "member" : "members"}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          {can(role, "audit:read") && (
            <ButtonLink href={`/dashboard/teams/${teamId}/audit`} variant="secondary" icon={<IconShield />}>
              Audit log
            </ButtonLink>
          )}
          {can(role, "member:invite") && <InviteMemberButton teamId={teamId} roles={[...invitable]} />}
        </div>
      </header>

      <section aria-labelledby="members-title" className="flex flex-col gap-4">
        <SectionHeader
          id="members-title"
          title="Members"
          description="Roles are enforced on every request: a viewer cannot create keys, a developer cannot manage members."
        />
        <Table data-testid="members-table">
          <TableCaption className="sr-only">Members of {access.teamName}</TableCaption>
          <THead>
            <tr>
              <TH>Name</TH>
              <TH>Role</TH>
              <TH>Joined</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {members.map((member) => {
              const self = member.user_id === user.id;
              const manageable = !self && canManageMember(role, member.role);
              const roles = ASSIGNABLE_ROLES.filter((candidate) => canManageMember(role, member.role, candidate));
              return (
                <TR key={member.id} data-member-id={member.id}>
                  <TD>
                    <div className="flex flex-col">
                      <span className="font-medium">
                        {member.name} {self && <span className="font-normal text-fg-muted">(you)</span>}
                      </span>
                      <span className="text-sm text-fg-muted">{member.email}</span>
                    </div>
                  </TD>
                  <TD>
                    {manageable && roles.length > 0 ? (
                      <MemberRoleSelect teamId={teamId} memberId={member.id} name={member.name} role={member.role} roles={[...roles]} />
                    ) : (
                      <RoleBadge role={member.role} />
                    )}
                  </TD>
                  <TD className="whitespace-nowrap text-fg-muted">
                    <time dateTime={member.joined_at} title={formatExact(member.joined_at)}>
                      {formatDate(member.joined_at)}
                    </time>
                  </TD>
                  <TD className="text-right">
                    {manageable && <RemoveMemberButton teamId={teamId} teamName={access.teamName} member={member} />}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      </section>

      <section aria-labelledby="invites-title" className="flex flex-col gap-4">
        <SectionHeader
          id="invites-title"
          title="Pending invitations"
          description="Links work once and expire after 7 days. Resending sends a fresh link; the old one stops working."
        />
        {invites.length === 0 ? (
          <EmptyState icon={<IconUserPlus size={22} />} title="No pending invitations">
            {can(role, "member:invite")
              ? "Invite a colleague by email: they choose a password from the link."
              : "Owners and admins can invite members."}
          </EmptyState>
        ) : (
          <Table data-testid="invites-table">
            <TableCaption className="sr-only">Pending invitations</TableCaption>
            <THead>
              <tr>
                <TH>Email</TH>
                <TH>Role</TH>
                <TH>Sent</TH>
                <TH>Expires</TH>
                {canManageInvites && (
                  <TH>
                    <span className="sr-only">Actions</span>
                  </TH>
                )}
              </tr>
            </THead>
            <TBody>
              {invites.map((invite) => (
                <TR key={invite.id} data-invite-id={invite.id}>
                  <TD>
                    <div className="flex flex-col">
                      <span className="font-medium">{invite.email}</span>
                      <span className="text-xs text-fg-muted">invited by {invite.invited_by.name}</span>
                    </div>
                  </TD>
                  <TD>
                    <RoleBadge role={invite.role} />
                  </TD>
                  <TD className="whitespace-nowrap text-fg-muted">
                    <time dateTime={invite.sent_at} title={formatExact(invite.sent_at)}>
                      {formatRelative(invite.sent_at, now)}
                    </time>
                  </TD>
                  <TD className="whitespace-nowrap">
                    {invite.status === "expired" ? (
                      <Badge tone="warning">expired</Badge>
                    ) : (
                      <time dateTime={invite.expires_at} title={formatExact(invite.expires_at)} className="text-fg-muted">
                        {formatUntil(invite.expires_at, now)}
                      </time>
                    )}
                  </TD>
                  {canManageInvites && (
                    <TD className="text-right">
                      <div className="flex justify-end gap-2">
                        <ResendInviteButton teamId={teamId} invite={invite} />
                        <RevokeInviteButton teamId={teamId} invite={invite} />
                      </div>
                    </TD>
                  )}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </section>

      {policies && <SecurityPoliciesCard teamId={teamId} teamName={access.teamName} policies={policies} owner={owner} />}

      {!access.personal && (
        <section aria-labelledby="ownership-title" className="flex flex-col gap-4">
          <SectionHeader id="ownership-title" title={role === "owner" ? "Ownership" : "Membership"} />
          <Card>
            <CardBody className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
              {role === "owner" ? (
                <>
                  <p className="text-sm text-fg-muted">
                    A team has exactly one owner. To leave {access.teamName}, first transfer ownership to another member; you stay on as an
                    admin.
                  </p>
                  <TransferOwnershipButton
                    teamId={teamId}
                    teamName={access.teamName}
                    members={others.map(({ id, name, email, role: memberRole }) => ({ id, name, email, role: memberRole }))}
                  />
                </>
              ) : (
                <>
                  <p className="text-sm text-fg-muted">Leaving removes your access to this team&apos;s apps, keys and logs.</p>
                  <LeaveTeamButton teamId={teamId} teamName={access.teamName} membershipId={access.membershipId} />
                </>
              )}
            </CardBody>
          </Card>
        </section>
      )}
    </DashboardShell>
  );
}
