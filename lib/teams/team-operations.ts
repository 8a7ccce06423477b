import { z } from "zod";
import { listAuditQuery } from "@/lib/audit/list-audit-events";
import { auditEventDto } from "@/lib/audit/audit-event-dto";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { list, page, resourceId, teamParams, text } from "@/lib/portal-api/schemas";
import { memberDto, teamDto } from "./team-dto";
import { changeRoleInput, createTeamInput, switchTeamInput, transferOwnershipInput, updateTeamInput } from "./team-input";

const memberParams = teamParams.extend({
  memberId: resourceId.describe("The membership's id (`membership_…`), as the member list shows it"),
});

export const listTeamsOperation = defineOperation({
  method: "GET",
  path: "/api/teams",
  operationId: "listTeams",
  tag: "Teams",
  summary: "List your teams",
  description: "Every team you belong to, with your role in each: your personal team first, then by name.",
  tokens: true,
  access: "session",
  success: { status: 200, description: "Your teams.", schema: list(teamDto, 1000) },
});

export const createTeamOperation = defineOperation({
  method: "POST",
  path: "/api/teams",
  operationId: "createTeam",
  tag: "Teams",
  summary: "Create a team",
  description: "Any signed-in developer may create a team; they become its owner.",
  access: "session",
  body: createTeamInput,
  success: { status: 201, description: "The new team.", schema: teamDto },
});

export const getTeamOperation = defineOperation({
  method: "GET",
  path: "/api/teams/{teamId}",
  operationId: "getTeam",
  tag: "Teams",
  summary: "Get a team",
  description: "Any member. Teams you are not in answer 404, like unknown ids.",
  access: { team: "team:read" },
  params: teamParams,
  success: {
    status: 200,
    description: "The team and your role in it.",
    schema: teamDto.pick({ id: true, name: true, personal: true, role: true }),
  },
});

export const renameTeamOperation = defineOperation({
  method: "PATCH",
  path: "/api/teams/{teamId}",
  operationId: "renameTeam",
  tag: "Teams",
  summary: "Rename a team",
  description: "Owners and admins. The audit log records the old name.",
  access: { team: "team:update" },
  params: teamParams,
  body: updateTeamInput,
  success: { status: 200, description: "The renamed team.", schema: z.object({ id: resourceId, name: text(120) }) },
});

export const switchTeamOperation = defineOperation({
  method: "POST",
  path: "/api/teams/current",
  operationId: "switchTeam",
  tag: "Teams",
  summary: "Switch the dashboard's team",
  description:
    "The dashboard shows this team from now on, remembered in the `obp_team` cookie (not a credential: membership is checked on every read).",
  access: "session",
  body: switchTeamInput,
  errors: ["resource_not_found"],
  success: { status: 204, description: "Switched; the answer sets the `obp_team` cookie." },
});

export const transferTeamOperation = defineOperation({
  method: "POST",
  path: "/api/teams/{teamId}/transfer",
  operationId: "transferTeamOwnership",
  stepUp: true,
  tag: "Teams",
  summary: "Transfer ownership",
  description: "The owner only. The member becomes the owner and the current owner an admin, at once. A personal team cannot change hands.",
  access: { team: "team:transfer" },
  params: teamParams,
  body: transferOwnershipInput,
  errors: ["conflict"],
  success: { status: 204, description: "Ownership transferred." },
});

export const listMembersOperation = defineOperation({
  method: "GET",
  path: "/api/teams/{teamId}/members",
  operationId: "listMembers",
  tag: "Teams",
  summary: "List a team's members",
  description: "The owner first, then by role and name.",
  access: { team: "team:read" },
  params: teamParams,
  success: { status: 200, description: "The team's members.", schema: list(memberDto, 10_000) },
});

export const changeMemberRoleOperation = defineOperation({
  method: "PATCH",
  path: "/api/teams/{teamId}/members/{memberId}",
  operationId: "changeMemberRole",
  tag: "Teams",
  summary: "Change a member's role",
  description: "Owners and admins; never the owner's role (ownership moves by transfer), never your own, never above your own role.",
  access: { team: "member:change_role" },
  params: memberParams,
  body: changeRoleInput,
  success: { status: 200, description: "The member with the new role.", schema: memberDto },
});

export const removeMemberOperation = defineOperation({
  method: "DELETE",
  path: "/api/teams/{teamId}/members/{memberId}",
  operationId: "removeMember",
  tag: "Teams",
  summary: "Remove a member, or leave",
  description:
    "Your own membership: you leave the team (any role but the owner, who must transfer ownership first; nobody leaves their " +
    "personal team). Someone else's: owners and admins remove them (never the owner, never a role above their own).",
  access: { team: "team:read" },
  params: memberParams,
  errors: ["owner_must_transfer"],
  success: { status: 204, description: "Removed, or left." },
});

export const listAuditEventsOperation = defineOperation({
  method: "GET",
  path: "/api/teams/{teamId}/audit",
  operationId: "listAuditEvents",
  tag: "Teams",
  summary: "Read a team's audit log",
  description: "Owners and admins. Every security-relevant change, newest first, 25 per page by default.",
  access: { team: "audit:read" },
  params: teamParams,
  query: listAuditQuery,
  success: { status: 200, description: "A page of audit events.", schema: page(auditEventDto, 100) },
});

export const teamOperations = [
  listTeamsOperation,
  createTeamOperation,
  getTeamOperation,
  renameTeamOperation,
  switchTeamOperation,
  transferTeamOperation,
  listMembersOperation,
  changeMemberRoleOperation,
  removeMemberOperation,
  listAuditEventsOperation,
];
