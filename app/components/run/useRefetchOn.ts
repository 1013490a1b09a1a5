"use client";
// Refetches a query when a value changes after the first render.
import { useEffect, useRef } from "react";

export function useRefetchOn(value: unknown, refetch: () => unknown): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void refetch();
  }, [value, refetch]);
}
