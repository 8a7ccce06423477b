/**
 * Every security-relevant change the audit log records, with how the audit page names it.
 * Add an action here before calling recordAudit with it (the type keeps callers honest).
 * Features merged later (webhooks, redirect URIs, go-live, suspension) have their entries
 * ready so they only need to call recordAudit.
 */
export const auditActions = {
  "team.created": "Team created",
  "team.renamed": "Team renamed",
  "member.invited": "Member invited",
  "member.invite_resent": "Invite resent",
  "member.invite_revoked": "Invite revoked",
  "member.joined": "Member joined",
  "member.removed": "Member removed",
  "member.left": "Member left",
  "member.role_changed": "Role changed",
  "team.ownership_transferred": "Ownership transferred",
  "app.created": "App created",
  "app.deleted": "App deleted",
  "app.redirect_uris_changed": "Redirect URIs changed",
  "app.client_secret_rotated": "OAuth client secret rotated",
  "app.oauth_settings_changed": "OAuth security settings changed",
  "app.software_statement_issued": "Software statement issued",
  "app.tpp_certificate_issued": "Test certificate issued",
  "app.tpp_certificate_revoked": "Test certificate revoked",
  "app.suspended": "App suspended",
  "app.reinstated": "App reinstated",
  "app.go_live_requested": "Go-live requested",
  "app.go_live_decided": "Go-live decided",
  "key.created": "Key created",
  "key.rolled": "Key rolled",
  "key.revoked": "Key revoked",
  "webhook.endpoint_created": "Webhook endpoint created",
  "webhook.endpoint_changed": "Webhook endpoint changed",
  "webhook.endpoint_deleted": "Webhook endpoint deleted",
  "webhook.secret_rotated": "Webhook secret rotated",
  "sandbox.reset": "Sandbox reset",
  "sandbox.clock_advanced": "Sandbox clock advanced",
  "sandbox.snapshot_restored": "Sandbox snapshot restored",
  "sandbox.event_fired": "Sandbox event fired",
  "team.two_factor_policy_changed": "Two-factor policy changed",
  "team.sso_policy_changed": "Single sign-on policy changed",
  // The account's own events (no team): the account pages and the data export show them.
  "account.email_verified": "Email verified",
  "account.email_change_requested": "Email change requested",
  "account.email_changed": "Email changed",
  "account.profile_changed": "Profile changed",
  "account.password_changed": "Password changed",
  "account.password_reset": "Password reset",
  "account.two_factor_enabled": "Authenticator app added",
  "account.two_factor_disabled": "Authenticator app removed",
  "account.recovery_codes_generated": "Recovery codes generated",
  "account.recovery_code_used": "Recovery code used",
  "account.passkey_added": "Passkey added",
  "account.passkey_renamed": "Passkey renamed",
  "account.passkey_removed": "Passkey removed",
  "account.sso_linked": "Single sign-on linked",
  "account.sso_unlinked": "Single sign-on unlinked",
  "account.session_revoked": "Session signed out",
  "account.sessions_revoked": "Other sessions signed out",
  "account.stepped_up": "Identity confirmed",
  "account.token_created": "Access token created",
  "account.token_revoked": "Access token revoked",
  "account.device_approved": "CLI sign-in approved",
  "account.device_denied": "CLI sign-in denied",
  "account.exported": "Data exported",
  "account.deleted": "Account deleted",
} as const;

export type AuditAction = keyof typeof auditActions;

export const AUDIT_ACTIONS = Object.keys(auditActions) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(auditActions, value);
}
