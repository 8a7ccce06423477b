/**
 * The browser side of step-up: when a portal API call answers 403 `step_up_required`, `callApi`
 * asks the mounted <StepUpDialog> (components/account) to confirm it's the developer, then
 * retries the call once. No server imports: this runs in the browser.
 */
type Listener = () => Promise<boolean>;

let listener: Listener | null = null;

/** The dialog registers itself here while it is mounted; returns the unregister function. */
export function onStepUpRequest(next: Listener): () => void {
  listener = next;
  return () => {
    if (listener === next) listener = null;
  };
}

/** Asks the developer to confirm it's them: true once confirmed, false when they cancel (or no dialog is mounted). */
export function requestStepUp(): Promise<boolean> {
  return listener ? listener() : Promise.resolve(false);
}
