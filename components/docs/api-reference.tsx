"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";
import "swagger-ui-react/swagger-ui.css";
import "./swagger-overrides.css";
import { Spinner } from "@/components/ui/spinner";
import { CredentialPicker } from "./credential-picker";
import { authoriseRequest, loadCredential, saveCredential, SECURITY_SCHEME, type DocsCredential } from "./docs-credential";

const SwaggerUI = dynamic(() => import("swagger-ui-react"), {
  ssr: false,
  loading: () => (
    <div role="status" className="flex items-center justify-center gap-3 py-16 text-sm text-slate-600">
      <Spinner className="text-teal-700" />
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
    // Swagger's logout throws when nothing was authorised yet; that must not skip the preauthorise below.
    try {
      system.authActions.logout([SECURITY_SCHEME]);
    } catch {
      // nothing to log out of
    }
    // Swagger shows the display prefix (and puts it in its curl); the interceptor swaps in the real credential.
    if (next) system.preauthorizeApiKey(SECURITY_SCHEME, next.prefix);
  }, []);

  useEffect(() => {
    const stored = loadCredential();
    credentialRef.current = stored;
    // Browser storage exists only after hydration, so the stored choice is read here, once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
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
      {/* Swagger UI's stylesheet is light-only, so its panel stays white in dark mode too. */}
      <div className="api-reference rounded-card border border-border bg-white shadow-card">
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
