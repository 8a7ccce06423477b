import { handle } from "@/lib/portal-api/handle-operation";
import { confirmTotpEnrolment } from "@/lib/two-factor/confirm-totp-enrolment";
import { confirmTotpEnrolmentOperation } from "@/lib/two-factor/two-factor-operations";

export const POST = handle(confirmTotpEnrolmentOperation, ({ actor, body }) => confirmTotpEnrolment({ actor, code: body.code }));
