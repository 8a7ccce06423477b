import QRCode from "qrcode";
import { AppError } from "@openbank/contracts/errors";
import { db } from "@/lib/db";
import { newTotpSeed, otpauthUri, sealTotpState } from "./totp";

export type TotpEnrolment = { secret: string; otpauth_uri: string; qr_code: string };

/**
 * Starts adding an authenticator app: a new seed, stored sealed and pending (totpEnabledAt stays
 * null until a code confirms it), returned once as an otpauth:// URI, its QR code (an SVG data
 * URL) and the base32 key for typing in. Starting again replaces a pending seed, never an enabled one.
 */
export async function startTotpEnrolment(user: { id: string; email: string }): Promise<TotpEnrolment> {
  const seed = newTotpSeed();
  const { count } = await db().user.updateMany({
    where: { id: user.id, totpEnabledAt: null },
    data: { totpSecret: sealTotpState(user.id, { seed, lastStep: null }) },
  });
  if (count === 0) throw new AppError("two_factor_already_enabled");
  const uri = otpauthUri(seed, user.email);
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret: seed, otpauth_uri: uri, qr_code: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}
