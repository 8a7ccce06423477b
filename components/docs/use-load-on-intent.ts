"use client";

import { useEffect, useState } from "react";

/** What a person does before they reach for something below the fold. */
const INTENT_EVENTS = ["pointermove", "pointerdown", "keydown", "wheel", "touchstart", "scroll", "focusin", "hashchange"] as const;

/**
 * A facade for heavy widgets: false until the reader shows intent (moves the pointer, scrolls,
 * touches, types, moves focus, follows an in-page link), then true for good. `immediate`
 * skips the wait (a deep link or a replay needs the widget at once). The page paints and
 * becomes interactive first; the widget loads while the reader is still orienting.
 *
 * The third value says whether intent is being listened for yet: it is only after hydration,
 * so what a reader (or a test) does before that goes unnoticed. Pages expose it (see
 * ApiReference's `data-console`) so tests wait for it instead of guessing.
 */
export function useLoadOnIntent(immediate: boolean): [wanted: boolean, load: () => void, listening: boolean] {
  const [wanted, setWanted] = useState(false);
  const [listening, setListening] = useState(false);

  useEffect(() => {
    if (wanted) return;
    if (immediate) {
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setWanted(true);
      return;
    }
    const want = () => setWanted(true);
    const options = { once: true, passive: true, capture: true } as const;
    for (const type of INTENT_EVENTS) window.addEventListener(type, want, options);
    setListening(true);
    return () => {
      for (const type of INTENT_EVENTS) window.removeEventListener(type, want, options);
    };
  }, [immediate, wanted]);

  return [wanted, () => setWanted(true), listening];
}
