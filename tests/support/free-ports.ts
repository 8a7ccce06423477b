import net from "node:net";

/**
 * Below Linux's ephemeral range (32768–60999 by default), so the kernel never hands one of these
 * to an outgoing connection between our check and the service's listen (a port from `listen(0)`
 * is from that range: a suite once lost its portal to EADDRINUSE that way).
 */
const FIRST = 20_000;
const LAST = 32_000;

/**
 * Free ports for a suite that starts its own services: a portal port whose next one is free too
 * (a second portal instance listens on portal + 1), and a bank port apart from both.
 */
export async function freePorts(): Promise<{ portal: number; bank: number }> {
  const listen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, () => server.close(() => resolve(port)));
    });
  const pick = () => FIRST + Math.floor(Math.random() * (LAST - FIRST));
  for (;;) {
    const portal = pick();
    const bank = pick();
    if (Math.abs(bank - portal) < 2) continue;
    if ((await listen(portal)) && (await listen(portal + 1)) && (await listen(bank))) return { portal, bank };
  }
}
