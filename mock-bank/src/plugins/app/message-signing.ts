import fp from "fastify-plugin";
import { createMessageSigner, type MessageSigner } from "@openbank/contracts/message-signing";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * UK Open Banking response signing: `always` for operations whose document requires
     * `x-jws-signature` on their answers (VRP); other UK routes sign when the gateway says the app
     * turned message signing on (`x-ob-message-signing: on`).
     */
    messageSigning?: "always";
  }
  interface FastifyInstance {
    /** The bank's UK Open Banking message signer (PS256, key derived from the internal secret). */
    messageSigner: MessageSigner;
  }
}

/** The bank's message signer, built once (the key derivation takes a few tens of milliseconds). */
export default fp(
  async function messageSigning(app, options: { secret: string; portalUrl: string }) {
    app.decorate("messageSigner", createMessageSigner({ secret: options.secret, trustAnchor: new URL(options.portalUrl).hostname }));
  },
  { name: "message-signing" },
);
