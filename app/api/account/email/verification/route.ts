import { resendVerificationOperation } from "@/lib/account/email-operations";
import { resendVerificationEmail } from "@/lib/account/send-verification-email";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(resendVerificationOperation, ({ user }) => resendVerificationEmail({ userId: user.id }));
