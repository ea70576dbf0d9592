import { useState } from "react";

/** Runs an async action from a form or button, with its error message and a busy flag for the UI. */
export function useAction(onDone: () => void = () => {}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, run };
}
