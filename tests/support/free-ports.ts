import net from "node:net";

/**
 * Free ports for a suite that starts its own services: a portal port whose next one is free too
 * (a second portal instance listens on portal + 1), and a bank port apart from both.
 */
export async function freePorts(): Promise<{ portal: number; bank: number }> {
  const listen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, () => {
        const { port: bound } = server.address() as net.AddressInfo;
        server.close(() => resolve(bound));
      });
    });
  for (;;) {
    const portal = (await listen(0))!;
    if ((await listen(portal + 1)) === null) continue;
    const bank = (await listen(0))!;
    if (bank !== portal && bank !== portal + 1) return { portal, bank };
  }
}
