// Keeps a <canvas> bitmap the size of its box on screen (times the device pixel ratio), so what is
// drawn on it stays sharp. Reads and writes only the canvas it is given.

/** Sizes the bitmap now and whenever the box changes; returns the function that stops watching. */
export function fitBitmapToBox(canvas: HTMLCanvasElement, onResize?: () => void): () => void {
  const fit = () => {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(canvas.clientWidth * ratio);
    const height = Math.round(canvas.clientHeight * ratio);
    if (canvas.width === width && canvas.height === height) return;
    canvas.width = width;
    canvas.height = height;
    onResize?.();
  };
  fit();
  const resize = new ResizeObserver(fit);
  resize.observe(canvas);
  return () => resize.disconnect();
}
