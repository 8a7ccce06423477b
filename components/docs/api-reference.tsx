"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";
import "swagger-ui-react/swagger-ui.css";
import "./swagger-overrides.css";
import { Spinner } from "@/components/ui/spinner";
import { CredentialPicker } from "./credential-picker";
import { authoriseRequest, loadCredential, saveCredential, SECURITY_SCHEME, type DocsCredential } from "./docs-credential";
import { isCustomerDataCall, loadConsent, saveConsent, type DocsConsent } from "./docs-consent";
import { PersonaConsentPanel } from "./persona-consent-panel";

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
export function ApiReference({ signedIn, personas }: { signedIn: boolean; personas: { key: string; display_name: string }[] }) {
  const [credential, setCredential] = useState<DocsCredential | null>(null);
  const credentialRef = useRef<DocsCredential | null>(null);
  const [consent, setConsent] = useState<DocsConsent | null>(null);
  const consentRef = useRef<DocsConsent | null>(null);
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
    consentRef.current = loadConsent();
    // Browser storage exists only after hydration, so the stored choice is read here, once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setCredential(stored);
    setConsent(consentRef.current);
  }, []);

  const changeConsent = useCallback((next: DocsConsent | null) => {
    saveConsent(next);
    consentRef.current = next;
    setConsent(next);
  }, []);

  const change = useCallback(
    (next: DocsCredential | null) => {
      saveCredential(next);
      credentialRef.current = next;
      setCredential(next);
      syncSwagger(next);
      // A consent belongs to one app: switching keys drops it.
      if (consentRef.current && (next?.kind !== "portal-key" || next.appId !== consentRef.current.appId)) changeConsent(null);
    },
    [syncSwagger, changeConsent],
  );



  return (
    <div className="space-y-6">
      <CredentialPicker signedIn={signedIn} credential={credential} onChange={change} />
      {signedIn && (
        <PersonaConsentPanel
          appId={credential?.kind === "portal-key" ? (credential.appId ?? null) : null}
          personas={personas}
          consent={consent}
          onChange={changeConsent}
        />
      )}
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
          requestInterceptor={(request) => {
            const mutable = authoriseRequest(request as { headers: Record<string, string>; url: string; method?: string }, credentialRef.current) as { headers: Record<string, string>; url: string; method?: string };
            const consentNow = consentRef.current;
            if (consentNow && isCustomerDataCall(mutable.method ?? "GET", mutable.url)) {
              delete mutable.headers["X-Portal-Key-Id"];
              mutable.headers.Authorization = `Bearer ${consentNow.accessToken}`;
            }
            return mutable;
          }}
          onComplete={(system) => {
            systemRef.current = system as unknown as SwaggerSystem;
            syncSwagger(credentialRef.current);
          }}
        />
      </div>
    </div>
  );
}
