// Short text for JSON values in tables and node badges.

export function formatValue(value: unknown, max = 40): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
