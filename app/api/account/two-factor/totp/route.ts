import { handle } from "@/lib/portal-api/handle-operation";
import { disableTotp } from "@/lib/two-factor/disable-totp";
import { startTotpEnrolment } from "@/lib/two-factor/start-totp-enrolment";
import { disableTotpOperation, startTotpEnrolmentOperation } from "@/lib/two-factor/two-factor-operations";

export const POST = handle(startTotpEnrolmentOperation, ({ user }) => startTotpEnrolment(user));

export const DELETE = handle(disableTotpOperation, async ({ actor }) => {
  await disableTotp({ actor });
});
