import { linkIn, tokenOf } from "./mailbox";
import { PortalClient } from "./portal-client";
import { suiteMailbox } from "./suite-mailbox";

type Client = PortalClient;

/** The newest invitation link mailed to `email`, read from the suite's SMTP sink. */
export async function inviteLinkFor(_portalUrl: string, email: string): Promise<string> {
  const mail = await suiteMailbox().next({ to: email, subject: "invited you to" });
  return linkIn(mail, "/invites/");
}

export { tokenOf };

/** A shared team owned by `owner`. */
export async function createTeam(owner: Client, name = "Integration team"): Promise<string> {
  const { status, body } = await owner.json("POST", "/api/teams", { name });
  if (status !== 201) throw new Error(`create team failed: ${status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Invites `member` (an existing developer) into the team as `role` and accepts; returns their membership id. */
export async function join(options: {
  portalUrl: string;
  inviter: Client;
  teamId: string;
  member: { client: Client; email: string };
  role: string;
}): Promise<string> {
  const invited = await options.inviter.json("POST", `/api/teams/${options.teamId}/invites`, {
    email: options.member.email,
    role: options.role,
  });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = tokenOf(await inviteLinkFor(options.portalUrl, options.member.email));
  const accepted = await options.member.client.json("POST", "/api/invites/accept", { token });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const members = await options.inviter.json("GET", `/api/teams/${options.teamId}/members`);
  return members.body.data.find((m: { email: string }) => m.email === options.member.email).id;
}

/** A brand-new developer who joins the team as `role`. */
export async function newMember(portalUrl: string, inviter: Client, teamId: string, role: string, name = "Member") {
  const member = await PortalClient.newDeveloper(portalUrl, name);
  const membershipId = await join({ portalUrl, inviter, teamId, member, role });
  return { ...member, membershipId };
}
