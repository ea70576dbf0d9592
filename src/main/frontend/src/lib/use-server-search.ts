import { useEffect, useState } from "react";

const DEBOUNCE_MS = 250;

/**
 * The answer to a search on the server for `query`, asked once typing pauses and only while
 * `active`: the last answer (and the query it was for) until the next arrives, so lists do not
 * flicker; null before the first. A failed search answers nothing found.
 */
export function useServerSearch<T>(
  search: (query: string) => Promise<T[]>,
  query: string,
  active: boolean,
): { query: string; results: T[] } | null {
  const [found, setFound] = useState<{ query: string; results: T[] } | null>(null);
  useEffect(() => {
    if (!active) return;
    let current = true;
    const timer = window.setTimeout(() => {
      search(query).then(
        (results) => {
          if (current) setFound({ query, results });
        },
        () => {
          if (current) setFound({ query, results: [] });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [search, query, active]);
  return active ? found : null;
}
