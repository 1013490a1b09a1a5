// Exporting the canvas as PNG or SVG with html-to-image, as React Flow's docs do: render the
// viewport element framed around all nodes, whatever the current pan and zoom.
import { getNodesBounds, getViewportForBounds, type Node } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";

export type ImageFormat = "png" | "svg";

export async function canvasImage(format: ImageFormat, nodes: Node[]): Promise<string> {
  const viewportElement = document.querySelector<HTMLElement>(".react-flow__viewport");
  if (!viewportElement) throw new Error("The canvas is not on the page.");
  const bounds = getNodesBounds(nodes);
  const width = Math.round(Math.min(4000, Math.max(640, bounds.width + 120)));
  const height = Math.round(Math.min(4000, Math.max(400, bounds.height + 120)));
  const viewport = getViewportForBounds(bounds, width, height, 0.05, 2, 0.05);
  const options = {
    backgroundColor: "#ffffff",
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` },
  };
  return format === "png" ? toPng(viewportElement, options) : toSvg(viewportElement, options);
}

/** Saves a data or object URL as a file, as a link click does. */
export function download(url: string, fileName: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/** A file name from a flow name: "Order saga (v2)" → "order-saga-v2". */
export function fileSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "flow";
}
