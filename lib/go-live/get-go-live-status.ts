import { db } from "../db";
import { goLiveSelect, toGoLiveDto, type GoLiveRequestDto } from "./go-live-dto";

/** The app's go-live requests, newest first (the first one is its current status). */
export async function listAppGoLiveRequests(options: { appId: string }): Promise<GoLiveRequestDto[]> {
  const rows = await db().goLiveRequest.findMany({
    where: { appId: options.appId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: goLiveSelect,
  });
  return rows.map(toGoLiveDto);
}
