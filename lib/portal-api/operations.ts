import { accountOperations } from "@/lib/account/account-operations";
import { emailOperations } from "@/lib/account/email-operations";
import { passwordOperations } from "@/lib/account/password-operations";
import { adminOperations } from "@/lib/admin/admin-operations";
import { usageOperations } from "@/lib/analytics/usage-operations";
import { appOperations } from "@/lib/apps/app-operations";
import { authOperations } from "@/lib/auth/auth-operations";
import { deviceOperations } from "@/lib/device/device-operations";
import { directoryOperations } from "@/lib/directory/directory-operations";
import { docsSearchOperations } from "@/lib/docs/docs-search-operations";
import { consentOperations } from "@/lib/consents/consent-operations";
import { goLiveOperations } from "@/lib/go-live/go-live-operations";
import { keyOperations } from "@/lib/keys/key-operations";
import { listenSessionOperations } from "@/lib/listen/listen-session-operations";
import { oauthClientOperations } from "@/lib/oauth-clients/oauth-client-operations";
import { onboardingOperations } from "@/lib/onboarding/onboarding-operations";
import { passkeyOperations } from "@/lib/passkeys/passkey-operations";
import { requestLogOperations } from "@/lib/request-logs/request-log-operations";
import { sandboxOperations } from "@/lib/sandbox/sandbox-operations";
import { inviteOperations } from "@/lib/teams/invite-operations";
import { sessionOperations } from "@/lib/sessions/session-operations";
import { timelineOperations } from "@/lib/timeline/timeline-operations";
import { teamOperations } from "@/lib/teams/team-operations";
import { tokenOperations } from "@/lib/tokens/token-operations";
import { twoFactorOperations } from "@/lib/two-factor/two-factor-operations";
import { teamPolicyOperations } from "@/lib/team-policies/team-policy-operations";
import { ssoOperations } from "@/lib/sso/sso-operations";
import { tppCertificateOperations } from "@/lib/tpp-certificates/tpp-certificate-operations";
import { webhookOperations } from "@/lib/webhooks/webhook-operations";
import { eventOperations } from "@/lib/webhooks/event-operations";
import { readinessOperations } from "@/lib/readiness/readiness-operations";
import type { Operation } from "./define-operation";
import { portalApiOperations } from "./portal-api-operations";

/**
 * Every operation of the portal's API, by feature. The document and the typed client are
 * generated from this list; a test checks it against the route files under `app/api`, so an
 * operation cannot be served without being published, nor published without being served.
 */
export const portalOperations: readonly Operation[] = [
  ...authOperations,
  ...accountOperations,
  ...emailOperations,
  ...passwordOperations,
  ...sessionOperations,
  ...tokenOperations,
  ...deviceOperations,
  ...twoFactorOperations,
  ...passkeyOperations,
  ...ssoOperations,
  ...appOperations,
  ...keyOperations,
  ...oauthClientOperations,
  ...tppCertificateOperations,
  ...directoryOperations,
  ...consentOperations,
  ...sandboxOperations,
  ...requestLogOperations,
  ...timelineOperations,
  ...usageOperations,
  ...onboardingOperations,
  ...webhookOperations,
  ...listenSessionOperations,
  ...eventOperations,
  ...readinessOperations,
  ...goLiveOperations,
  ...teamOperations,
  ...teamPolicyOperations,
  ...inviteOperations,
  ...adminOperations,
  ...docsSearchOperations,
  ...portalApiOperations,
];
