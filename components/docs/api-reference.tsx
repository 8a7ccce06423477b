"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";
import "swagger-ui-react/swagger-ui.css";
import "./swagger-overrides.css";
import { CredentialPicker } from "./credential-picker";
import { authoriseRequest, loadCredential, saveCredential, SECURITY_SCHEME, type DocsCredential } from "./docs-credential";

const SwaggerUI = dynamic(() => import("swagger-ui-react"), {
  ssr: false,
  loading: () => (
    <div role="status" className="flex items-center gap-3 py-16 text-sm text-fg-muted">
      <span className="size-4 animate-spin rounded-full border-2 border-border border-t-primary" aria-hidden />
      Loading the API reference…
    </div>
  ),
});

type SwaggerSystem = {
  preauthorizeApiKey: (scheme: string, value: string) => void;
  authActions: { logout: (schemes: string[]) => void };
};

/**
 * swagger-ui-react over the bank's generated OpenAPI document, with Try-it-out
 * authorised by the developer's own key (picked or pasted), surviving reloads.
 */
export function ApiReference({ signedIn }: { signedIn: boolean }) {
  const [credential, setCredential] = useState<DocsCredential | null>(null);
  const credentialRef = useRef<DocsCredential | null>(null);
  const systemRef = useRef<SwaggerSystem | null>(null);

  const syncSwagger = useCallback((next: DocsCredential | null) => {
    const system = systemRef.current;
    if (!system) return;
    system.authActions.logout([SECURITY_SCHEME]);
    // Swagger shows the display prefix (and puts it in its curl); the interceptor swaps in the real credential.
    if (next) system.preauthorizeApiKey(SECURITY_SCHEME, next.prefix);
  }, []);

  useEffect(() => {
    const stored = loadCredential();
    credentialRef.current = stored;
    setCredential(stored);
  }, []);

  const change = useCallback(
    (next: DocsCredential | null) => {
      saveCredential(next);
      credentialRef.current = next;
      setCredential(next);
      syncSwagger(next);
    },
    [syncSwagger],
  );

  return (
    <div className="space-y-6">
      <CredentialPicker signedIn={signedIn} credential={credential} onChange={change} />
      <div className="api-reference rounded-xl border border-border bg-white">
        <SwaggerUI
          url="/openapi.json"
          docExpansion="list"
          deepLinking
          tryItOutEnabled
          displayRequestDuration
          showMutatedRequest={false}
          defaultModelsExpandDepth={0}
          requestInterceptor={(request) => authoriseRequest(request as { headers: Record<string, string>; url: string }, credentialRef.current)}
          onComplete={(system) => {
            systemRef.current = system as unknown as SwaggerSystem;
            syncSwagger(credentialRef.current);
          }}
        />
      </div>
    </div>
  );
}
